// kt e2e-latency against Kafka's kafka-e2e-latency.sh on the same kt broker: help, usage errors and the report byte for byte
// (runs only where ../shared/java-kafka exists; each Java call starts a JVM, hence the timeouts).
import { beforeAll, describe, expect, it } from 'vitest';
import { bothTools, hasJavaKafka, ktTool, PARITY_TIMEOUT_MS, parityBroker, withoutJavaTraces } from '../../helpers/java-kafka.js';

const T = PARITY_TIMEOUT_MS;

describe.skipIf(!hasJavaKafka)('kt e2e-latency matches kafka-e2e-latency.sh', () => {
  const broker = parityBroker();
  beforeAll(async () => {
    await ktTool('topics', ['--bootstrap-server', broker.bootstrap, '--create', '--topic', 'latency']);
  }, T);

  it.each([[['--help']], [[]], [['a', 'b']]])('prints what Kafka prints for %j', async (args) => {
    const { java, kt } = await bothTools('e2e-latency', args);
    expect({ ...kt, stderr: kt.stderr }).toEqual({ ...java, stderr: withoutJavaTraces(java.stderr) });
  }, T);

  // Figures vary: the report is compared with every number replaced.
  it('reports latency in the same shape', async () => {
    const numbers = (s: string) => s.replace(/-?\d+(\.\d+)?/gu, 'N');
    const { java, kt } = await bothTools('e2e-latency', [broker.bootstrap, 'latency', '20', '1', '10']);
    expect(kt.code).toBe(java.code);
    expect(numbers(kt.stdout)).toBe(numbers(java.stdout));
  }, T);
});
