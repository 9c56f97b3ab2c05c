// kt consumer-groups against Kafka's kafka-consumer-groups.sh on the same kt broker: help, usage errors and read views byte for byte
// (runs only where ../shared/java-kafka exists; each Java call starts a JVM, hence the timeouts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker } from '../../../src/index.js';
import { requireBuiltCli } from '../../helpers/kt-process.js';
import { bothTools, hasJavaKafka, ktTool, withoutJavaTraces } from '../../helpers/java-kafka.js';

const T = 90_000;

describe.skipIf(!hasJavaKafka)('kt consumer-groups matches kafka-consumer-groups.sh', () => {
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
    const consumed = await ktTool('console-consumer', ['--bootstrap-server', b, '--topic', 'parity', '--group', 'parity-group', '--from-beginning', '--max-messages', '6']);
    expect(consumed.code).toBe(0);
  }, T);
  afterAll(async () => broker?.close());

  it.each([[['--help']], [[]], [['--list']], [['--bootstrap-server', '127.0.0.1:1', '--bogus']]])('prints what Kafka prints for %j', async (args) => {
    const { java, kt } = await bothTools('consumer-groups', args);
    expect({ ...kt, stderr: kt.stderr }).toEqual({ ...java, stderr: withoutJavaTraces(java.stderr) });
  }, T);

  it.each([[['--list']], [['--describe', '--group', 'parity-group']], [['--describe', '--group', 'parity-group', '--members']], [['--describe', '--group', 'parity-group', '--state']]])(
    'on the same broker, %j prints the same',
    async (args) => {
      const { java, kt } = await bothTools('consumer-groups', ['--bootstrap-server', b, ...args]);
      expect(kt).toEqual({ ...java, stderr: withoutJavaTraces(java.stderr) });
    },
    T,
  );
});
