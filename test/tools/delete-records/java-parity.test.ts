// kt delete-records against Kafka's kafka-delete-records.sh on the same kt broker: help, usage errors and read views byte for byte
// (runs only where ../shared/java-kafka exists; each Java call starts a JVM, hence the timeouts).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bothTools, hasJavaKafka, javaTool, ktTool, PARITY_TIMEOUT_MS, parityBroker, withoutJavaTraces } from '../../helpers/java-kafka.js';

const T = PARITY_TIMEOUT_MS;

describe.skipIf(!hasJavaKafka)('kt delete-records matches kafka-delete-records.sh', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kt-delete-records-parity-'));
  const json = join(dir, 'offsets.json');
  const broker = parityBroker({ seedParityTopic: true });
  beforeAll(async () => {
    writeFileSync(json, '{"partitions": [{"topic": "parity", "partition": 0, "offset": 1}], "version": 1}');
  }, T);

  it.each([[['--help']], [[]], [['--bootstrap-server', '127.0.0.1:1']], [['--offset-json-file', 'x.json']]])('prints what Kafka prints for %j', async (args) => {
    const { java, kt } = await bothTools('delete-records', args);
    expect({ ...kt, stderr: kt.stderr }).toEqual({ ...java, stderr: withoutJavaTraces(java.stderr) });
  }, T);

  // Deleting up to the same offset twice is idempotent, so Kafka's tool runs first and kt's second.
  it('deletes records and reports the low watermark', async () => {
    const args = ['--bootstrap-server', broker.bootstrap, '--offset-json-file', json];
    const java = await javaTool('delete-records', args);
    const kt = await ktTool('delete-records', args);
    expect(kt).toEqual(java);
    expect(kt.stdout).toBe('Executing records delete operation\nRecords delete operation completed:\npartition: parity-0\tlow_watermark: 1\n');
  }, T);
});
