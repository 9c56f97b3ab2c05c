// kt transactions and Kafka's kafka-transactions.sh against the same kt broker holding an open
// transaction (kt's transactional producer) and finished ones (kt producer-perf-test
// --transactional-id): list, describe and describe-producers print the same, and both abort the
// open transaction the same way. Runs where ../shared/java-kafka exists and the broker serves
// transactions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cluster } from '../../../src/client/cluster.js';
import { Producer } from '../../../src/client/producer.js';
import { CompressionType } from '../../../src/protocol/records/compression/compression-type.js';
import { bothTools, hasJavaKafka, javaTool, ktTool, PARITY_TIMEOUT_MS, parityBroker } from '../../helpers/java-kafka.js';
import { connectTestCluster } from '../../helpers/test-cluster.js';

const T = PARITY_TIMEOUT_MS;

/** A table's cells, with the columns that hold "now - something" blanked (they differ by the run's timing). */
function cells(table: string, timeColumns: readonly number[]): string[][] {
  return table
    .split('\n')
    .filter((l) => l !== '')
    .map((l, row) => l.split('\t').map((c, i) => (row > 0 && timeColumns.includes(i) ? '*' : c.trimEnd())));
}

describe.skipIf(!hasJavaKafka)('kt transactions matches kafka-transactions.sh on a broker with transactions', () => {
  const broker = parityBroker();
  let cluster: Cluster;
  const open: Producer[] = [];

  beforeAll(async () => {
    expect((await ktTool('topics', ['--bootstrap-server', broker.bootstrap, '--create', '--topic', 'txn-parity', '--partitions', '1'])).code).toBe(0);
    const perf = await ktTool('producer-perf-test', ['--topic', 'txn-parity', '--num-records', '10', '--throughput', '-1', '--record-size', '5',
      '--producer-props', `bootstrap.servers=${broker.bootstrap}`, '--transactional-id', 'parity-done']);
    expect(perf.code).toBe(0);
    cluster = await connectTestCluster(broker.bootstrap, 'txn-parity');
    // Two transactions left open on the partition (one for each form of abort).
    for (const id of ['parity-open', 'parity-open-2']) {
      const producer = await Producer.create(cluster, 'txn-parity', {
        acks: -1, batchSize: 16384, lingerMs: 0, compression: CompressionType.None, maxInFlight: 5, bufferMemory: 1 << 20,
        requestTimeoutMs: 5000, idempotent: true, retries: 5, maxBlockMs: 5000, transactionalId: id, transactionTimeoutMs: 600_000,
      });
      open.push(producer);
      await producer.initTransactions();
      producer.beginTransaction();
      for (let i = 0; i < 3; i++) producer.sendRecord(null, Buffer.from(`${id}-${i}`), undefined, Date.now(), 0);
      await producer.flush();
    }
  }, T);

  afterAll(async () => {
    for (const producer of open) producer.close();
    await cluster?.close();
  });

  it('list', async () => {
    const { java, kt } = await bothTools('transactions', ['--bootstrap-server', broker.bootstrap, 'list']);
    expect(kt).toEqual(java);
    expect(kt.stdout).toContain('parity-open');
    expect(kt.stdout).toContain('parity-done');
  }, T);

  it.each([['parity-open'], ['parity-done'], ['parity-unknown']])('describe --transactional-id %s', async (id) => {
    const { java, kt } = await bothTools('transactions', ['--bootstrap-server', broker.bootstrap, 'describe', '--transactional-id', id]);
    expect({ ...kt, stdout: cells(kt.stdout, [7]) }).toEqual({ ...java, stdout: cells(java.stdout, [7]) });
  }, T);

  // The open transaction is in its coordinator's partitions: not hanging, even with no timeout.
  it.each([
    [['find-hanging', '--broker-id', '1']],
    [['find-hanging', '--topic', 'txn-parity', '--max-transaction-timeout', '0']],
    [['find-hanging', '--topic', 'txn-parity', '--partition', '0', '--max-transaction-timeout', '0']],
    [['find-hanging', '--partition', '0']],
    [['find-hanging']],
  ])('%j', async (args) => {
    const { java, kt } = await bothTools('transactions', ['--bootstrap-server', broker.bootstrap, ...args]);
    expect(kt).toEqual(java);
  }, T);

  it('describe-producers, then abort one open transaction by --start-offset, the other by producer id, epoch and coordinator epoch', async () => {
    const args = ['--bootstrap-server', broker.bootstrap, 'describe-producers', '--topic', 'txn-parity', '--partition', '0'];
    const { java, kt } = await bothTools('transactions', args);
    expect(kt).toEqual(java);
    // The rows of the producers with an open transaction: ProducerId, ProducerEpoch, LatestCoordinatorEpoch, ..., CurrentTransactionStartOffset.
    const openRows = kt.stdout.split('\n').slice(1).filter((l) => l !== '' && l.split('\t')[5]!.trim() !== 'None').map((l) => l.split('\t').map((c) => c.trim()));
    expect(openRows).toHaveLength(2);
    const startOffset = openRows[0]![5]!;
    const [producerId, producerEpoch, coordinatorEpoch] = openRows[1]!;
    // Java finds nothing at an offset where no transaction starts; kt says the same.
    const missing = await bothTools('transactions', ['--bootstrap-server', broker.bootstrap, 'abort', '--topic', 'txn-parity', '--partition', '0', '--start-offset', '9999']);
    expect(missing.kt).toEqual(missing.java);
    const aborted = await ktTool('transactions', ['--bootstrap-server', broker.bootstrap, 'abort', '--topic', 'txn-parity', '--partition', '0', '--start-offset', startOffset]);
    expect(aborted).toEqual({ stdout: '', stderr: '', code: 0 });
    // A coordinator epoch of -1 (no marker yet) is sent as 0, as Kafka's tool does.
    expect(coordinatorEpoch).toBe('-1');
    const byProducer = await ktTool('transactions', ['--bootstrap-server', broker.bootstrap, 'abort', '--topic', 'txn-parity', '--partition', '0',
      '--producer-id', producerId!, '--producer-epoch', producerEpoch!, '--coordinator-epoch', coordinatorEpoch!]);
    expect(byProducer).toEqual({ stdout: '', stderr: '', code: 0 });
    const after = await javaTool('transactions', args);
    expect(after.stdout.split('\n').filter((l) => /^\d/.test(l)).map((l) => l.split('\t')[5]!.trim())).toEqual(['None', 'None', 'None']);
  }, T);
});
