// kt get-offsets against Kafka's kafka-get-offsets.sh on the same kt broker: help, usage errors and read views byte for byte
// (runs only where ../shared/java-kafka exists; each Java call starts a JVM, hence the timeouts).
import { describe, expect, it } from 'vitest';
import { bothTools, hasJavaKafka, ktTool, PARITY_TIMEOUT_MS, parityBroker, withoutJavaTraces } from '../../helpers/java-kafka.js';

const T = PARITY_TIMEOUT_MS;

describe.skipIf(!hasJavaKafka)('kt get-offsets matches kafka-get-offsets.sh', () => {
  const broker = parityBroker({ seedParityTopic: true });

  it.each([[['--help']], [[]], [['--topic', 'x']], [['--bootstrap-server', '127.0.0.1:1', '--topic', 'x', '--topic-partitions', 'x:0']]])('prints what Kafka prints for %j', async (args) => {
    const { java, kt } = await bothTools('get-offsets', args);
    expect({ ...kt, stderr: kt.stderr }).toEqual({ ...java, stderr: withoutJavaTraces(java.stderr) });
  }, T);

  it.each([[['--topic', 'parity', '--time', '-1']], [['--topic', 'parity', '--time', '-2', '--partitions', '0,2']], [['--topic-partitions', 'parity:1-']]])(
    'on the same broker, %j prints the same',
    async (args) => {
      const { java, kt } = await bothTools('get-offsets', ['--bootstrap-server', broker.bootstrap, ...args]);
      expect(kt).toEqual(java);
    },
    T,
  );
});
