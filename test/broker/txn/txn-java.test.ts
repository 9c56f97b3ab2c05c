// Kafka's own Java client and tools against the transaction coordinator: producer-perf-test with
// --transactional-id (InitProducerId, AddPartitionsToTxn, EndTxn from the Java producer), then
// kafka-transactions.sh list and describe reading ListTransactions / DescribeTransactions.
import { describe, expect, it } from 'vitest';
import { startBroker } from '../../../src/index.js';
import { hasJavaKafka, javaTool } from '../../helpers/java-kafka.js';

describe.skipIf(!hasJavaKafka)('Java client and kafka-transactions.sh', () => {
  it('commits the transactions of producer-perf-test --transactional-id; list and describe show the id', async () => {
    const b = await startBroker({ config: { 'num.partitions': '1' } });
    try {
      const perf = await javaTool('producer-perf-test', [
        '--topic', 'perf', '--num-records', '2000', '--record-size', '50', '--throughput', '-1',
        '--producer-props', `bootstrap.servers=${b.bootstrap}`, '--transactional-id', 'java-perf', '--transaction-duration-ms', '100',
      ]);
      expect(perf.code).toBe(0);
      expect(perf.stdout).toMatch(/^2000 records sent, /m);
      const m = b.broker.transactions.metadata('java-perf')!;
      expect(m).toMatchObject({ state: 'CompleteCommit', producerEpoch: 0, txnTimeoutMs: 60000 });

      const list = await javaTool('transactions', ['--bootstrap-server', b.bootstrap, 'list']);
      expect(list).toEqual({
        code: 0,
        stderr: '',
        stdout: 'TransactionalId\tCoordinator\tProducerId\tTransactionState\t\n' + `java-perf      \t1          \t${String(m.producerId).padEnd(10)}\tCompleteCommit  \t\n`,
      });
      const described = await javaTool('transactions', ['--bootstrap-server', b.bootstrap, 'describe', '--transactional-id', 'java-perf']);
      expect(described.code).toBe(0);
      const [header, row] = described.stdout.trimEnd().split('\n');
      expect(header).toBe('CoordinatorId\tTransactionalId\tProducerId\tProducerEpoch\tTransactionState\tTransactionTimeoutMs\tCurrentTransactionStartTimeMs\tTransactionDurationMs\tTopicPartitions\t');
      expect(row!.split('\t').map((c) => c.trim()).slice(0, 6)).toEqual(['1', 'java-perf', String(m.producerId), '0', 'CompleteCommit', '60000']);
    } finally {
      await b.close();
    }
  }, 180_000);
});
