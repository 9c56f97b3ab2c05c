// kt console-producer against Kafka's kafka-console-producer.sh: help, usage errors byte for byte
// (runs only where ../shared/java-kafka exists; each Java call starts a JVM, hence the timeouts).
import { beforeAll, describe, expect, it } from 'vitest';
import { requireBuiltCli } from '../../helpers/kt-process.js';
import { bothTools, hasJavaKafka, withoutJavaTraces } from '../../helpers/java-kafka.js';

const T = 90_000;

describe.skipIf(!hasJavaKafka)('kt console-producer matches kafka-console-producer.sh', () => {
  beforeAll(() => requireBuiltCli());

  // kt also lists the KIP-1147 spellings (README: Differences from Kafka's tools); all else is Kafka's.
  it.each([[['--help']], [[]], [['--bootstrap-server', '127.0.0.1:1']], [['--bootstrap-server', '127.0.0.1:1', '--topic', 't', '--bogus']]])('prints what Kafka prints for %j', async (args) => {
    const { java, kt } = await bothTools('console-producer', args);
    expect(kt).toEqual({ ...java, stderr: withoutJavaTraces(java.stderr) });
  }, T);
});
