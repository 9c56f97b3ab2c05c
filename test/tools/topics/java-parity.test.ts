// kt topics against Kafka's kafka-topics.sh on the same kt broker: help, usage errors and the read
// views byte for byte (runs only where ../shared/java-kafka exists).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker } from '../../../src/index.js';
import { requireBuiltCli } from '../../helpers/kt-process.js';
import { bothTools, hasJavaKafka, ktTool, withoutJavaTraces } from '../../helpers/java-kafka.js';

describe.skipIf(!hasJavaKafka)('kt topics matches kafka-topics.sh', () => {
  let broker: { bootstrap: string; close(): Promise<void> };

  beforeAll(async () => {
    requireBuiltCli();
    broker = await startBroker({ port: 0 });
    const created = await ktTool('topics', ['--bootstrap-server', broker.bootstrap, '--create', '--topic', 'parity', '--partitions', '3',
      '--config', 'retention.ms=3600000', '--config', 'cleanup.policy=compact']);
    expect(created.code).toBe(0);
    await ktTool('topics', ['--bootstrap-server', broker.bootstrap, '--create', '--topic', 'other']);
  });
  afterAll(async () => broker?.close());

  it.each([[['--help']], [[]], [['--list']], [['--bootstrap-server', '127.0.0.1:1', '--list', '--create']]])('prints what Kafka prints for %j', async (args) => {
    const { java, kt } = await bothTools('topics', args);
    expect(kt).toEqual({ ...java, stderr: withoutJavaTraces(java.stderr) });
  }, 60_000);

  it('reports an unknown option like Kafka, without the stack trace', async () => {
    const { java, kt } = await bothTools('topics', ['--bogus']);
    expect(kt).toEqual({ ...java, stderr: withoutJavaTraces(java.stderr) });
  }, 60_000);

  it.each([[['--list']], [['--describe', '--topic', 'parity']], [['--describe']]])('on the same broker, %j prints the same', async (args) => {
    const { java, kt } = await bothTools('topics', ['--bootstrap-server', broker.bootstrap, ...args]);
    expect(kt).toEqual(java);
  }, 60_000);
});
