// kt delete-records against Kafka's kafka-delete-records.sh on the same kt broker: help, usage errors and read views byte for byte
// (runs only where ../shared/java-kafka exists; each Java call starts a JVM, hence the timeouts).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker } from '../../../src/index.js';
import { requireBuiltCli } from '../../helpers/kt-process.js';
import { bothTools, hasJavaKafka, javaTool, ktTool, withoutJavaTraces } from '../../helpers/java-kafka.js';

const T = 90_000;

describe.skipIf(!hasJavaKafka)('kt delete-records matches kafka-delete-records.sh', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kt-delete-records-parity-'));
  const json = join(dir, 'offsets.json');
  let broker: { bootstrap: string; close(): Promise<void> };
  let b: string;
  beforeAll(async () => {
    requireBuiltCli();
    broker = await startBroker({ port: 0 });
    b = broker.bootstrap;
    await ktTool('topics', ['--bootstrap-server', b, '--create', '--topic', 'parity', '--partitions', '3']);
    const produced = await ktTool('console-producer', ['--bootstrap-server', b, '--topic', 'parity', '--property', 'parse.key=true'], {
      input: 'k0\tv0\nk1\tv1\nk2\tv2\nk3\tv3\nk4\tv4\nk5\tv5\n',
    });
    expect(produced.code).toBe(0);
    writeFileSync(json, '{"partitions": [{"topic": "parity", "partition": 0, "offset": 1}], "version": 1}');
  }, T);
  afterAll(async () => broker?.close());

  it.each([[['--help']], [[]], [['--bootstrap-server', '127.0.0.1:1']], [['--offset-json-file', 'x.json']]])('prints what Kafka prints for %j', async (args) => {
    const { java, kt } = await bothTools('delete-records', args);
    expect({ ...kt, stderr: kt.stderr }).toEqual({ ...java, stderr: withoutJavaTraces(java.stderr) });
  }, T);

  // Deleting up to the same offset twice is idempotent, so Kafka's tool runs first and kt's second.
  it('deletes records and reports the low watermark', async () => {
    const args = ['--bootstrap-server', b, '--offset-json-file', json];
    const java = await javaTool('delete-records', args);
    const kt = await ktTool('delete-records', args);
    expect(kt).toEqual(java);
    expect(kt.stdout).toBe('Executing records delete operation\nRecords delete operation completed:\npartition: parity-0\tlow_watermark: 1\n');
  }, T);
});
