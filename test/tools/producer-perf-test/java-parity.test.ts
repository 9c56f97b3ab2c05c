// kt producer-perf-test against Kafka's kafka-producer-perf-test.sh on the same kt broker: help, usage errors and the summary line byte for byte
// (runs only where ../shared/java-kafka exists; each Java call starts a JVM, hence the timeouts).
import { describe, expect, it } from 'vitest';
import { bothTools, hasJavaKafka, PARITY_TIMEOUT_MS, parityBroker, withoutJavaTraces } from '../../helpers/java-kafka.js';

const T = PARITY_TIMEOUT_MS;

describe.skipIf(!hasJavaKafka)('kt producer-perf-test matches kafka-producer-perf-test.sh', () => {
  const broker = parityBroker();

  it.each([[['--help']], [[]], [['--topic', 't']], [['--topic', 't', '--num-records', '1', '--throughput', '1', '--record-size', '1', '--payload-monotonic']], [['--bogus']]])('prints what Kafka prints for %j', async (args) => {
    const { java, kt } = await bothTools('producer-perf-test', args);
    expect({ ...kt, stderr: kt.stderr }).toEqual({ ...java, stderr: withoutJavaTraces(java.stderr) });
  }, T);

  // A transactional.id needs idempotence: ProducerConfig's checks, in its order.
  it.each([[['acks=1']], [['acks=1', 'enable.idempotence=true']], [['enable.idempotence=false']], [['retries=0']]])(
    'refuses --transactional-id with producer props %j as Kafka does',
    async (props) => {
      const { java, kt } = await bothTools('producer-perf-test', ['--topic', 'perf', '--num-records', '1', '--throughput', '-1', '--record-size', '1',
        '--producer-props', `bootstrap.servers=${broker.bootstrap}`, ...props, '--transactional-id', 'tx']);
      expect({ ...kt, stderr: kt.stderr }).toEqual({ ...java, stderr: withoutJavaTraces(java.stderr) });
    },
    T,
  );

  // Figures vary from run to run: the summary line is compared with every number replaced.
  it('prints a summary of the same shape', async () => {
    const numbers = (s: string) => s.replace(/-?\d+(\.\d+)?/gu, 'N');
    const { java, kt } = await bothTools('producer-perf-test', ['--topic', 'perf', '--num-records', '20', '--throughput', '-1', '--record-size', '10',
      '--producer-props', `bootstrap.servers=${broker.bootstrap}`]);
    expect(kt.code).toBe(java.code);
    expect(numbers(kt.stdout)).toBe(numbers(java.stdout));
  }, T);
});
