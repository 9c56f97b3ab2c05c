import { describe, expect, it } from 'vitest';
import {
  CONSUMER_GROUPS_HELP,
  DRY_RUN_WARNING,
  MISSING_SCENARIO_MESSAGE,
  checkConsumerGroupsArgs,
  parseConsumerGroupsArgs,
} from '../../../src/tools/consumer-groups/options.js';
import { OptionError } from '../../../src/java-compat/jopt.js';
import { UsageError, VersionRequested } from '../../../src/cli/tool.js';

function check(...argv: string[]) {
  const warnings: string[] = [];
  const action = checkConsumerGroupsArgs(parseConsumerGroupsArgs(argv), warnings);
  return { action, warnings };
}

function failure(...argv: string[]): { kind: string; message: string; warnings: string[] } {
  const warnings: string[] = [];
  try {
    checkConsumerGroupsArgs(parseConsumerGroupsArgs(argv), warnings);
  } catch (e) {
    const kind = e instanceof UsageError ? 'usage' : e instanceof OptionError ? 'jopt' : 'other';
    return { kind, message: (e as Error).message, warnings };
  }
  throw new Error('expected a failure');
}

const B = ['--bootstrap-server', 'localhost:9092'];

describe('kafka-consumer-groups argument checks', () => {
  it('prints the help for no arguments and --help; --version', () => {
    expect(failure()).toMatchObject({ kind: 'usage', message: CONSUMER_GROUPS_HELP });
    expect(failure('--help')).toMatchObject({ kind: 'usage', message: CONSUMER_GROUPS_HELP });
    expect(() => check('--version')).toThrow(VersionRequested);
  });

  it('needs --bootstrap-server and exactly one action', () => {
    expect(failure('--list')).toMatchObject({ kind: 'usage', message: 'Missing required argument "[bootstrap-server]"' });
    const oneAction = 'Command must include exactly one action: --list, --describe, --delete, --reset-offsets, --delete-offsets';
    expect(failure(...B)).toMatchObject({ kind: 'usage', message: oneAction });
    expect(failure(...B, '--list', '--delete-offsets', '--group', 'g', '--topic', 't')).toMatchObject({ kind: 'usage', message: "Option \"[group]\" can't be used with option \"[list]\"" });
    expect(failure(...B, '--delete', '--describe', '--group', 'g')).toMatchObject({ kind: 'usage', message: oneAction });
    expect(check(...B, '--list').action).toBe('list');
  });

  it('rejects options unavailable without their action, as jopt does while parsing', () => {
    expect(failure(...B, '--list', '--members')).toMatchObject({ kind: 'jopt', message: 'Option(s) [members] are unavailable given other options on the command line' });
    expect(failure(...B, '--delete', '--group', 'g', '--verbose', '--offsets')).toMatchObject({
      kind: 'jopt',
      message: 'Option(s) [verbose, offsets] are unavailable given other options on the command line',
    });
    expect(failure(...B, '--describe', '--group', 'g', '--type')).toMatchObject({ kind: 'jopt', message: 'Option(s) [type] are unavailable given other options on the command line' });
    expect(failure(...B, '--bootstrap', 'x')).toMatchObject({ kind: 'jopt', message: 'bootstrap is not a recognized option' });
    expect(check(...B, '--list', '--state', 'stable,empty').action).toBe('list');
    expect(check(...B, '--list', '--type').action).toBe('list');
  });

  it('checks --describe', () => {
    expect(failure(...B, '--describe')).toMatchObject({ kind: 'usage', message: 'Option [describe] takes one of these options: [all-groups], [group]' });
    expect(failure(...B, '--describe', '--group', 'g', '--members', '--state')).toMatchObject({
      kind: 'usage',
      message: 'Option [describe] takes at most one of these options: [members], [offsets], [state]',
    });
    expect(failure(...B, '--describe', '--group', 'g', '--state', 'Stable')).toMatchObject({ kind: 'usage', message: 'Option [describe] does not take a value for [state]' });
    expect(failure(...B, '--describe', '--group', 'g', '--all-groups')).toMatchObject({ kind: 'usage', message: 'Option "[group]" can\'t be used with option "[all-groups]"' });
    expect(failure(...B, '--describe', '--group', 'g', '--topic', 't')).toMatchObject({ kind: 'usage', message: 'Option "[topic]" can\'t be used with option "[describe]"' });
    expect(check(...B, '--describe', '--all-groups', '--members', '--verbose').action).toBe('describe');
    expect(check(...B, '--describe', '--group', 'g', '--state', '--timeout', '100').action).toBe('describe');
  });

  it('checks --delete and --delete-offsets', () => {
    expect(failure(...B, '--delete')).toMatchObject({ kind: 'usage', message: 'Option [delete] takes one of these options: [all-groups], [group]' });
    expect(failure(...B, '--delete', '--group', 'g', '--topic', 't')).toMatchObject({
      kind: 'usage',
      message: 'The consumer does not support topic-specific offset deletion from a consumer group.',
    });
    expect(failure(...B, '--delete-offsets', '--group', 'g')).toMatchObject({ kind: 'usage', message: 'Option [delete-offsets] takes the following options: [topic], [group]' });
    expect(check(...B, '--delete-offsets', '--group', 'g', '--topic', 't:0').action).toBe('delete-offsets');
  });

  it('checks --reset-offsets, warning when neither --dry-run nor --execute is given', () => {
    expect(failure(...B, '--reset-offsets', '--group', 'g', '--dry-run', '--execute')).toMatchObject({
      kind: 'usage',
      message: 'Option [reset-offsets] only accepts one of [execute] and [dry-run]',
      warnings: [],
    });
    expect(failure(...B, '--reset-offsets', '--to-earliest')).toEqual({
      kind: 'usage',
      message: 'Option [reset-offsets] takes one of these options: [all-groups], [group]',
      warnings: [DRY_RUN_WARNING],
    });
    expect(failure(...B, '--reset-offsets', '--group', 'g', '--execute', '--to-earliest', '--to-latest')).toMatchObject({
      kind: 'usage',
      message: 'Option "[to-earliest]" can\'t be used with option "[to-latest]"',
    });
    expect(failure(...B, '--reset-offsets', '--group', 'g', '--execute', '--shift-by', '1', '--to-offset', '3')).toMatchObject({
      message: 'Option "[to-offset]" can\'t be used with option "[shift-by]"',
    });
    expect(check(...B, '--reset-offsets', '--group', 'g', '--topic', 't', '--to-earliest')).toEqual({ action: 'reset-offsets', warnings: [DRY_RUN_WARNING] });
    expect(check(...B, '--reset-offsets', '--group', 'g', '--all-topics', '--to-latest', '--dry-run').warnings).toEqual([]);
    expect(DRY_RUN_WARNING).toBe(
      'WARN: No action will be performed as the --execute option is missing.In a future major release, the default behavior of this command will be to prompt the user before executing the reset rather than doing a dry run. You should add the --dry-run option explicitly if you are scripting this command and want to keep the current default behavior without prompting.',
    );
    expect(MISSING_SCENARIO_MESSAGE).toBe(
      "Option '[reset-offsets]' requires one of the following scenarios: [[to-offset], [shift-by], [to-datetime], [by-duration], [to-earliest], [to-latest], [to-current], [from-file]]",
    );
  });
});
