// kt transactions against Kafka's kafka-transactions.sh: the help of the tool and of each
// sub-command, and the usage errors, byte for byte (runs only where ../shared/java-kafka exists;
// each Java call starts a JVM, hence the timeouts).
import { describe, expect, it } from 'vitest';
import { bothTools, hasJavaKafka, PARITY_TIMEOUT_MS } from '../../helpers/java-kafka.js';

describe.skipIf(!hasJavaKafka)('kt transactions matches kafka-transactions.sh', () => {
  it.each([
    [['--help']],
    [['-h']],
    [[]],
    [['list']],
    [['--bootstrap-server', 'localhost:1']],
    [['--bootstrap-server', 'localhost:1', 'list', '--help']],
    [['--bootstrap-server', 'localhost:1', 'describe', '--help']],
    [['--bootstrap-server', 'localhost:1', 'describe-producers', '-h']],
    [['--bootstrap-server', 'localhost:1', 'abort', '--help']],
    [['--bootstrap-server', 'localhost:1', 'find-hanging', '--help']],
    [['--bootstrap-server', 'localhost:1', 'describe']],
    [['--bootstrap-server', 'localhost:1', 'abort', '--topic', 't']],
    // --producer-epoch is a Short: Java's own out-of-range text.
    [['--bootstrap-server', 'localhost:1', 'abort', '--topic', 't', '--partition', '0', '--producer-epoch', '40000']],
    [['--bootstrap-server', 'localhost:1', 'list', '--duration-filter', 'z']],
    [['--bootstrap-server', 'localhost:1', 'find-hanging', '--max-transaction-timeout', 'z']],
    // -v belongs to the main parser only.
    [['--bootstrap-server', 'localhost:1', 'list', '-v']],
    [['--bootstrap-server', 'localhost:1', 'list', '--bogus']],
    [['--command-config', '/nonexistent/admin.properties', '--bootstrap-server', 'localhost:1', 'list']],
  ])('prints what Kafka prints for %j', async (args) => {
    const { java, kt } = await bothTools('transactions', args);
    expect(kt).toEqual(java);
  }, PARITY_TIMEOUT_MS);
});
