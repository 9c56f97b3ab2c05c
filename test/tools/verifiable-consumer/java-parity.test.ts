// kt verifiable-consumer against Kafka's kafka-verifiable-consumer.sh: help, the no-argument help
// and usage errors byte for byte, all laid out by kt's argparse4j engine (runs only where
// ../shared/java-kafka exists; each Java call starts a JVM, hence the timeouts).
import { describe, expect, it } from 'vitest';
import { bothTools, hasJavaKafka, PARITY_TIMEOUT_MS } from '../../helpers/java-kafka.js';

describe.skipIf(!hasJavaKafka)('kt verifiable-consumer matches kafka-verifiable-consumer.sh', () => {
  it.each([
    [['--help']],
    [['-h']],
    [[]],
    // --bootstrap-server is itself required inside its group: "argument --bootstrap-server is required".
    [['--topic', 'x', '--group-id', 'g']],
    [['--topic', 'x', '--bootstrap-server', 'localhost:1']],
    [['--bogus']],
    [['--group-id']],
    [['--topic', 't', '--session-timeout', '1.5']],
    [['--verbose=yes']],
  ])('prints what Kafka prints for %j', async (args) => {
    const { java, kt } = await bothTools('verifiable-consumer', args);
    expect(kt).toEqual(java);
  }, PARITY_TIMEOUT_MS);
});
