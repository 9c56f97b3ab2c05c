// kt broker-api-versions against Kafka's kafka-broker-api-versions.sh on the same kt broker: help, usage errors and read views byte for byte
// (runs only where ../shared/java-kafka exists; each Java call starts a JVM, hence the timeouts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker } from '../../../src/index.js';
import { requireBuiltCli } from '../../helpers/kt-process.js';
import { bothTools, hasJavaKafka, withoutJavaTraces } from '../../helpers/java-kafka.js';

const T = 90_000;

describe.skipIf(!hasJavaKafka)('kt broker-api-versions matches kafka-broker-api-versions.sh', () => {
  let broker: { bootstrap: string; close(): Promise<void> };
  let b: string;
  beforeAll(async () => {
    requireBuiltCli();
    broker = await startBroker({ port: 0 });
    b = broker.bootstrap;
  }, T);
  afterAll(async () => broker?.close());

  it.each([[['--help']], [[]], [['--bogus']]])('prints what Kafka prints for %j', async (args) => {
    const { java, kt } = await bothTools('broker-api-versions', args);
    expect({ ...kt, stderr: kt.stderr }).toEqual({ ...java, stderr: withoutJavaTraces(java.stderr) });
  }, T);

  // Known difference (../shared/java-kafka/README.md): this 4.0 snapshot predates KIP-1073's
  // ` isFenced: false` in a broker's line, which kt prints as Kafka 4.0.0 does.
  it('lists the same API versions', async () => {
    const { java, kt } = await bothTools('broker-api-versions', ['--bootstrap-server', b]);
    expect({ ...kt, stdout: kt.stdout.replace(' isFenced: false', '') }).toEqual(java);
  }, T);
});
