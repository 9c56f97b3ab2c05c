// kt consumer-groups against Kafka's kafka-consumer-groups.sh on the same kt broker: help, usage errors and read views byte for byte
// (runs only where ../shared/java-kafka exists; each Java call starts a JVM, hence the timeouts).
import { beforeAll, describe, expect, it } from 'vitest';
import { bothTools, hasJavaKafka, ktTool, PARITY_TIMEOUT_MS, parityBroker, withoutJavaTraces } from '../../helpers/java-kafka.js';

const T = PARITY_TIMEOUT_MS;

describe.skipIf(!hasJavaKafka)('kt consumer-groups matches kafka-consumer-groups.sh', () => {
  const broker = parityBroker({ seedParityTopic: true });
  beforeAll(async () => {
    const consumed = await ktTool('console-consumer', ['--bootstrap-server', broker.bootstrap, '--topic', 'parity', '--group', 'parity-group', '--from-beginning', '--max-messages', '6']);
    expect(consumed.code).toBe(0);
  }, T);

  it.each([[['--help']], [[]], [['--list']], [['--bootstrap-server', '127.0.0.1:1', '--bogus']]])('prints what Kafka prints for %j', async (args) => {
    const { java, kt } = await bothTools('consumer-groups', args);
    expect({ ...kt, stderr: kt.stderr }).toEqual({ ...java, stderr: withoutJavaTraces(java.stderr) });
  }, T);

  it.each([[['--list']], [['--describe', '--group', 'parity-group']], [['--describe', '--group', 'parity-group', '--members']], [['--describe', '--group', 'parity-group', '--state']]])(
    'on the same broker, %j prints the same',
    async (args) => {
      const { java, kt } = await bothTools('consumer-groups', ['--bootstrap-server', broker.bootstrap, ...args]);
      expect(kt).toEqual({ ...java, stderr: withoutJavaTraces(java.stderr) });
    },
    T,
  );
});
