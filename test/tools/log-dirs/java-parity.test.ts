// kt log-dirs against Kafka's kafka-log-dirs.sh on the same kt broker: help, usage errors and read views byte for byte
// (runs only where ../shared/java-kafka exists; each Java call starts a JVM, hence the timeouts).
import { describe, expect, it } from 'vitest';
import { bothTools, hasJavaKafka, ktTool, PARITY_TIMEOUT_MS, parityBroker, withoutJavaTraces } from '../../helpers/java-kafka.js';

const T = PARITY_TIMEOUT_MS;

describe.skipIf(!hasJavaKafka)('kt log-dirs matches kafka-log-dirs.sh', () => {
  const broker = parityBroker({ seedParityTopic: true });

  it.each([[['--help']], [[]], [['--bootstrap-server', '127.0.0.1:1']], [['--describe']]])('prints what Kafka prints for %j', async (args) => {
    const { java, kt } = await bothTools('log-dirs', args);
    expect({ ...kt, stderr: kt.stderr }).toEqual({ ...java, stderr: withoutJavaTraces(java.stderr) });
  }, T);

  // Same broker, same moment: sizes, offset lags and paths are the same numbers, so the JSON is compared whole.
  it('describes the same log directories', async () => {
    const { java, kt } = await bothTools('log-dirs', ['--bootstrap-server', broker.bootstrap, '--describe', '--topic-list', 'parity']);
    expect(kt).toEqual(java);
  }, T);
});
