import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../../src/java-compat/jopt.js';
import { TOPICS_OPTIONS, checkTopicsArgs } from '../../../src/tools/topics/options.js';
import { UsageError, VersionRequested } from '../../../src/cli/tool.js';

function check(...argv: string[]) {
  const notices = { stdout: [] as string[], stderr: [] as string[] };
  const action = checkTopicsArgs(parseArgs(argv, TOPICS_OPTIONS), notices);
  return { action, notices };
}

function failure(...argv: string[]): { usage: boolean; message: string } {
  try {
    check(...argv);
  } catch (e) {
    return { usage: e instanceof UsageError, message: (e as Error).message };
  }
  throw new Error('expected a failure');
}

const B = ['--bootstrap-server', 'localhost:9092'];

describe('kafka-topics argument checks', () => {
  it('prints the usage for no arguments and for --help', () => {
    expect(failure()).toEqual({ usage: true, message: 'Create, delete, describe, or change a topic.' });
    expect(failure('--help')).toEqual({ usage: true, message: 'This tool helps to create, delete, describe, or change a topic.' });
    expect(() => check('--version')).toThrow(VersionRequested);
  });

  it('needs exactly one action', () => {
    const message = 'Command must include exactly one action: --list, --describe, --create, --alter or --delete';
    expect(failure(...B)).toEqual({ usage: true, message });
    expect(failure(...B, '--list', '--describe')).toEqual({ usage: true, message });
  });

  it('needs --bootstrap-server, without the usage table', () => {
    expect(failure('--list')).toEqual({ usage: false, message: '--bootstrap-server must be specified' });
  });

  it('needs --topic except for list and describe', () => {
    expect(check(...B, '--list').action).toBe('list');
    expect(check(...B, '--describe').action).toBe('describe');
    expect(failure(...B, '--create')).toEqual({ usage: true, message: 'Missing required argument "[topic]"' });
    expect(failure(...B, '--delete')).toEqual({ usage: true, message: 'Missing required argument "[topic]"' });
  });

  it('checks --alter like Kafka', () => {
    expect(failure(...B, '--alter', '--topic', 't', '--config', 'a=b')).toEqual({
      usage: true,
      message: 'Option combination "[[bootstrap-server], [config]]" can\'t be used with option "[alter]" (To alter topic configurations, the kafka-configs tool can be used.)',
    });
    expect(failure(...B, '--alter', '--topic', 't')).toEqual({ usage: true, message: 'Missing required argument "[partitions]"' });
    expect(check(...B, '--alter', '--topic', 't', '--partitions', '3').action).toBe('alter');
  });

  it('rejects options that do not belong to the action', () => {
    expect(failure(...B, '--describe', '--partitions', '3')).toEqual({ usage: true, message: 'Option "[partitions]" can\'t be used with option "[describe]"' });
    expect(failure(...B, '--list', '--config', 'a=b')).toEqual({ usage: true, message: 'Option "[config]" can\'t be used with option "[list]"' });
    expect(failure(...B, '--alter', '--topic', 't', '--partitions', '3', '--replication-factor', '1')).toEqual({
      usage: true,
      message: 'Option "[replication-factor]" can\'t be used with option "[alter]"',
    });
    expect(failure(...B, '--create', '--topic', 't', '--replica-assignment', '1:2', '--partitions', '1')).toEqual({
      usage: true,
      message: 'Option "[replica-assignment]" can\'t be used with option "[partitions]"',
    });
    expect(failure(...B, '--list', '--under-replicated-partitions')).toEqual({
      usage: true,
      message: 'Option "[under-replicated-partitions]" can\'t be used with option "[list]"',
    });
    expect(failure(...B, '--describe', '--under-min-isr-partitions', '--topics-with-overrides')).toEqual({
      usage: true,
      message: 'Option "[under-min-isr-partitions]" can\'t be used with option "[topics-with-overrides]"',
    });
    expect(failure(...B, '--create', '--topic', 't', '--if-exists')).toEqual({ usage: true, message: 'Option "[if-exists]" can\'t be used with option "[create]"' });
    expect(failure(...B, '--delete', '--topic', 't', '--if-not-exists')).toEqual({
      usage: true,
      message: 'Option "[if-not-exists]" can\'t be used with option "[delete]"',
    });
    expect(failure(...B, '--delete', '--topic', 't', '--exclude-internal')).toEqual({
      usage: true,
      message: 'Option "[exclude-internal]" can\'t be used with option "[delete]"',
    });
  });

  it('needs a topic or id to describe with --if-exists, and says which one wins', () => {
    expect(failure(...B, '--describe', '--if-exists')).toEqual({ usage: true, message: '--topic or --topic-id is required to describe a topic' });
    expect(check(...B, '--describe', '--if-exists', '--topic', 't', '--topic-id', 'x').notices.stdout).toEqual([
      'Only topic id will be used when both --topic and --topic-id are specified and topicId is not Uuid.ZERO_UUID',
    ]);
  });

  it('warns about --delete-config on stderr and carries on', () => {
    expect(check(...B, '--list', '--delete-config', 'x').notices.stderr).toEqual([
      'delete-config option is no longer supported and deprecated since version 4.0. The config will be fully removed in future releases.',
    ]);
  });
});
