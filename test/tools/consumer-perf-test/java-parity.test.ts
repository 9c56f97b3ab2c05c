// kt consumer-perf-test against Kafka's kafka-consumer-perf-test.sh on the same kt broker: help, usage errors, the header and data line byte for byte
// (runs only where ../shared/java-kafka exists; each Java call starts a JVM, hence the timeouts).
import { describe, expect, it } from 'vitest';
import { bothTools, hasJavaKafka, ktTool, PARITY_TIMEOUT_MS, parityBroker, withoutJavaTraces, withoutOptionRows } from '../../helpers/java-kafka.js';

const T = PARITY_TIMEOUT_MS;

describe.skipIf(!hasJavaKafka)('kt consumer-perf-test matches kafka-consumer-perf-test.sh', () => {
  const broker = parityBroker({ seedParityTopic: true });

  // The --group default is perf-consumer-<random 0..99999>, whose length moves the wrapping:
  // that row is checked on its own and left out of the byte comparison.
  const masked = (s: string) => {
    expect(s).toMatch(/^--group <String: gid>\s+The group id to consume on\. \(default:\s+(\n\s+)?perf-consumer-\d+\)/mu);
    return withoutOptionRows(s, ['group']);
  };
  it.each([[['--help']], [[]], [['--bootstrap-server', '127.0.0.1:1']], [['--bogus']]])('prints what Kafka prints for %j', async (args) => {
    const { java, kt } = await bothTools('consumer-perf-test', args);
    expect({ ...kt, stderr: masked(kt.stderr) }).toEqual({ ...java, stderr: masked(withoutJavaTraces(java.stderr)) });
  }, T);

  // Figures vary: the header is compared as is, the data line with every number replaced.
  it('prints the same header and a data line of the same shape', async () => {
    const numbers = (s: string) => s.replace(/-?\d+(\.\d+)?/gu, 'N');
    const { java, kt } = await bothTools('consumer-perf-test', ['--bootstrap-server', broker.bootstrap, '--topic', 'parity', '--messages', '6']);
    expect(kt.code).toBe(java.code);
    const [javaHeader, javaData] = java.stdout.split('\n');
    const [ktHeader, ktData] = kt.stdout.split('\n');
    expect(ktHeader).toBe(javaHeader);
    expect(numbers(ktData!)).toBe(numbers(javaData!));
  }, T);
});
