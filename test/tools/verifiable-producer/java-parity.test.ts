// kt verifiable-producer against Kafka's kafka-verifiable-producer.sh: help, the no-argument help
// and usage errors byte for byte, all laid out by kt's argparse4j engine (runs only where
// ../shared/java-kafka exists; each Java call starts a JVM, hence the timeouts).
import { describe, expect, it } from 'vitest';
import { bothTools, hasJavaKafka, PARITY_TIMEOUT_MS } from '../../helpers/java-kafka.js';

describe.skipIf(!hasJavaKafka)('kt verifiable-producer matches kafka-verifiable-producer.sh', () => {
  it.each([
    [['--help']],
    [['-h']],
    [[]],
    // The required one-member group: "one of the arguments --bootstrap-server is required".
    [['--topic', 'x']],
    [['--bootstrap-server', 'localhost:1']],
    [['--bogus']],
    [['--topic']],
    [['--topic', 't', '--max-messages', 'z']],
    // --acks has choices(0, 1, -1).
    [['--topic', 't', '--bootstrap-server', 'localhost:1', '--acks', '5']],
    [['--topic', 't', '--bootstrap-server', 'localhost:1', '--acks=2']],
  ])('prints what Kafka prints for %j', async (args) => {
    const { java, kt } = await bothTools('verifiable-producer', args);
    expect(kt).toEqual(java);
  }, PARITY_TIMEOUT_MS);
});
