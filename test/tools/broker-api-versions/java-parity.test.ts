// kt broker-api-versions against Kafka's kafka-broker-api-versions.sh on the same kt broker: help, usage errors and read views byte for byte
// (runs only where ../shared/java-kafka exists; each Java call starts a JVM, hence the timeouts).
import { describe, expect, it } from 'vitest';
import { bothTools, hasJavaKafka, PARITY_TIMEOUT_MS, parityBroker, withoutJavaTraces } from '../../helpers/java-kafka.js';

const T = PARITY_TIMEOUT_MS;

describe.skipIf(!hasJavaKafka)('kt broker-api-versions matches kafka-broker-api-versions.sh', () => {
  const broker = parityBroker();

  it.each([[['--help']], [[]], [['--bogus']]])('prints what Kafka prints for %j', async (args) => {
    const { java, kt } = await bothTools('broker-api-versions', args);
    expect({ ...kt, stderr: kt.stderr }).toEqual({ ...java, stderr: withoutJavaTraces(java.stderr) });
  }, T);

  // Known difference (../shared/java-kafka/README.md): this 4.0 snapshot predates KIP-1073's
  // ` isFenced: false` in a broker's line, which kt prints as Kafka 4.0.0 does.
  it('lists the same API versions', async () => {
    const { java, kt } = await bothTools('broker-api-versions', ['--bootstrap-server', broker.bootstrap]);
    expect({ ...kt, stdout: kt.stdout.replace(' isFenced: false', '') }).toEqual(java);
  }, T);
});
