// kt get-offsets against Kafka's kafka-get-offsets.sh on the same kt broker: help, usage errors and read views byte for byte
// (runs only where ../shared/java-kafka exists; each Java call starts a JVM, hence the timeouts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker } from '../../../src/index.js';
import { requireBuiltCli } from '../../helpers/kt-process.js';
import { bothTools, hasJavaKafka, ktTool, withoutJavaTraces } from '../../helpers/java-kafka.js';

const T = 90_000;

describe.skipIf(!hasJavaKafka)('kt get-offsets matches kafka-get-offsets.sh', () => {
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
  }, T);
  afterAll(async () => broker?.close());

  it.each([[['--help']], [[]], [['--topic', 'x']], [['--bootstrap-server', '127.0.0.1:1', '--topic', 'x', '--topic-partitions', 'x:0']]])('prints what Kafka prints for %j', async (args) => {
    const { java, kt } = await bothTools('get-offsets', args);
    expect({ ...kt, stderr: kt.stderr }).toEqual({ ...java, stderr: withoutJavaTraces(java.stderr) });
  }, T);

  it.each([[['--topic', 'parity', '--time', '-1']], [['--topic', 'parity', '--time', '-2', '--partitions', '0,2']], [['--topic-partitions', 'parity:1-']]])(
    'on the same broker, %j prints the same',
    async (args) => {
      const { java, kt } = await bothTools('get-offsets', ['--bootstrap-server', b, ...args]);
      expect(kt).toEqual(java);
    },
    T,
  );
});
