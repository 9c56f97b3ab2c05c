// kt console-consumer against Kafka's kafka-console-consumer.sh on the same kt broker: help, usage errors and read views byte for byte
// (runs only where ../shared/java-kafka exists; each Java call starts a JVM, hence the timeouts).
import { describe, expect, it } from 'vitest';
import { bothTools, hasJavaKafka, ktTool, PARITY_TIMEOUT_MS, parityBroker, withoutJavaTraces } from '../../helpers/java-kafka.js';

const T = PARITY_TIMEOUT_MS;

describe.skipIf(!hasJavaKafka)('kt console-consumer matches kafka-console-consumer.sh', () => {
  const broker = parityBroker({ seedParityTopic: true });

  // kt also lists the KIP-1147 spellings (README: Differences from Kafka's tools); all else is Kafka's.
  it.each([[['--help']], [[]], [['--bootstrap-server', '127.0.0.1:1']], [['--bootstrap-server', '127.0.0.1:1', '--topic', 't', '--group', 'g', '--partition', '0']]])('prints what Kafka prints for %j', async (args) => {
    const { java, kt } = await bothTools('console-consumer', args);
    expect(kt).toEqual({ ...java, stderr: withoutJavaTraces(java.stderr) });
  }, T);

  it('prints the same records with keys, partitions and offsets', async () => {
    const { java, kt } = await bothTools('console-consumer', ['--bootstrap-server', broker.bootstrap, '--topic', 'parity', '--partition', '1', '--offset', 'earliest',
      '--max-messages', '1', '--property', 'print.key=true', '--property', 'print.partition=true', '--property', 'print.offset=true']);
    expect(kt.stdout).toBe(java.stdout);
    expect(kt.code).toBe(java.code);
    expect(kt.stderr).toBe('Processed a total of 1 messages\n');
  }, T);
});
