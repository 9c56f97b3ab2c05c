// kt console-producer's send failures as Kafka's tool reports them: async failures are logged
// (ErrorLoggingCallback, one ERROR line and the exception per record) and the exit stays 0;
// with --sync the first failure ends the tool with exit 1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker } from '../../../src/index.js';
import { kt, requireBuiltCli } from '../../helpers/kt-process.js';

let broker: { bootstrap: string; close(): Promise<void> };

beforeAll(async () => {
  requireBuiltCli();
  broker = await startBroker({ port: 0, config: { 'auto.create.topics.enable': 'false' } });
});

afterAll(async () => {
  await broker?.close();
});

const LOG_PREFIX = /^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}\] ERROR /;

function errorLines(stderr: string): string[] {
  return stderr
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => l.replace(LOG_PREFIX, 'ERROR '));
}

describe('console producer send failures', () => {
  it('logs each record of a topic that never appears, after --max-block-ms, and exits 0', async () => {
    const r = await kt(['console-producer', '--bootstrap-server', broker.bootstrap, '--topic', 'absent', '--max-block-ms', '300'], { input: 'a\nbb\n' });
    expect(r.code).toBe(0);
    const exception = 'org.apache.kafka.common.errors.TimeoutException: Topic absent not present in metadata after 300 ms.';
    expect(errorLines(r.stderr)).toEqual([
      'ERROR Error when sending message to topic absent with key: null, value: 1 bytes with error: (org.apache.kafka.clients.producer.internals.ErrorLoggingCallback)',
      exception,
      'ERROR Error when sending message to topic absent with key: null, value: 2 bytes with error: (org.apache.kafka.clients.producer.internals.ErrorLoggingCallback)',
      exception,
    ]);
  });

  it('logs a record larger than max.request.size and sends the others', async () => {
    await kt(['topics', '--bootstrap-server', broker.bootstrap, '--create', '--topic', 'sizes']);
    const big = 'x'.repeat(2000);
    const r = await kt(['console-producer', '--bootstrap-server', broker.bootstrap, '--topic', 'sizes', '--producer-property', 'max.request.size=1000', '--property', 'parse.key=true'], {
      input: `k\tsmall\nkey\t${big}\n`,
    });
    expect(r.code).toBe(0);
    expect(errorLines(r.stderr)).toEqual([
      'ERROR Error when sending message to topic sizes with key: 3 bytes, value: 2000 bytes with error: (org.apache.kafka.clients.producer.internals.ErrorLoggingCallback)',
      'org.apache.kafka.common.errors.RecordTooLargeException: The message is 2089 bytes when serialized which is larger than 1000, which is the value of the max.request.size configuration.',
    ]);
    const offsets = await kt(['get-offsets', '--bootstrap-server', broker.bootstrap, '--topic', 'sizes']);
    expect(offsets.stdout.toString()).toBe('sizes:0:1\n');
  });

  it('stops at the first failure with --sync, exit 1', async () => {
    const r = await kt(['console-producer', '--bootstrap-server', broker.bootstrap, '--topic', 'sizes', '--sync', '--producer-property', 'max.request.size=100'], {
      input: `ok\n${'y'.repeat(200)}\nnever\n`,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'java.util.concurrent.ExecutionException: org.apache.kafka.common.errors.RecordTooLargeException: The message is 286 bytes when serialized which is larger than 100, which is the value of the max.request.size configuration.\n',
    );
    const offsets = await kt(['get-offsets', '--bootstrap-server', broker.bootstrap, '--topic', 'sizes']);
    expect(offsets.stdout.toString()).toBe('sizes:0:2\n');
  });
});
