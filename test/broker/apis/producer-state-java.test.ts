// Kafka's own kafka-transactions.sh against kt's producer state: describe-producers reads
// DescribeProducers, abort finds the hanging transaction there and ends it with WriteTxnMarkers.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiKey } from '../../../src/protocol/api.js';
import { ErrorCode } from '../../../src/protocol/errors.js';
import { encodeRecordBatch } from '../../../src/protocol/records/record-batch.js';
import { startBroker, type StartedBroker } from '../../../src/index.js';
import { hasJavaKafka, javaTool } from '../../helpers/java-kafka.js';
import { RawClient } from '../../helpers/raw-client.js';

describe.skipIf(!hasJavaKafka)('kafka-transactions.sh on kt producer state', () => {
  let broker: StartedBroker;
  let client: RawClient;
  const T = Date.now();

  beforeAll(async () => {
    broker = await startBroker({ port: 0 });
    client = await RawClient.connect(broker.port);
    // Partition verification is the transaction coordinator's: here every partition counts as added.
    vi.spyOn(broker.broker.transactions, 'verifyPartition').mockReturnValue(ErrorCode.NONE);
    await client.request(ApiKey.CreateTopics, 7, { topics: [{ name: 'hang', numPartitions: 1, replicationFactor: 1, configs: [] }], timeoutMs: 5000 });
    const records = encodeRecordBatch({ records: [{ timestamp: T, key: null, value: Buffer.from('h'), headers: [] }], producerId: 555, producerEpoch: 3, baseSequence: 0, isTransactional: true });
    const r = await client.request(ApiKey.Produce, 9, { transactionalId: 'hanging', acks: -1, timeoutMs: 5000, topicData: [{ name: 'hang', partitionData: [{ index: 0, records }] }] });
    expect(r.responses[0]!.partitionResponses[0]!.errorCode).toBe(0);
  });
  afterAll(async () => {
    client?.close();
    await broker?.close();
  });

  it('describe-producers shows the open transaction, abort ends it', async () => {
    const args = ['--bootstrap-server', broker.bootstrap];
    const before = await javaTool('transactions', [...args, 'describe-producers', '--topic', 'hang', '--partition', '0']);
    expect(before.code).toBe(0);
    const rows = before.stdout.trimEnd().split('\n').map((line) => line.split('\t').map((cell) => cell.trim()).filter((cell) => cell !== ''));
    expect(rows).toEqual([
      ['ProducerId', 'ProducerEpoch', 'LatestCoordinatorEpoch', 'LastSequence', 'LastTimestamp', 'CurrentTransactionStartOffset'],
      ['555', '3', '-1', '0', String(T), '0'],
    ]);

    const abort = await javaTool('transactions', [...args, 'abort', '--topic', 'hang', '--partition', '0', '--start-offset', '0']);
    expect(abort).toMatchObject({ code: 0, stdout: '' });

    const after = await javaTool('transactions', [...args, 'describe-producers', '--topic', 'hang', '--partition', '0']);
    expect(after.stdout.trimEnd().split('\n')[1]!.split('\t').map((cell) => cell.trim()).filter((cell) => cell !== '')).toEqual(['555', '3', '0', '0', expect.stringMatching(/^\d+$/), 'None']);

    const f = await client.request(ApiKey.Fetch, 11, {
      replicaId: -1,
      maxWaitMs: 0,
      minBytes: 0,
      maxBytes: 1 << 20,
      isolationLevel: 1,
      sessionId: 0,
      sessionEpoch: -1,
      topics: [{ topic: 'hang', partitions: [{ partition: 0, currentLeaderEpoch: -1, fetchOffset: 0n, logStartOffset: -1n, partitionMaxBytes: 1 << 20 }] }],
      forgottenTopicsData: [],
      rackId: '',
    });
    expect(f.responses[0]!.partitions[0]!).toMatchObject({ highWatermark: 2n, lastStableOffset: 2n, abortedTransactions: [{ producerId: 555n, firstOffset: 0n }] });
  }, 120_000);
});
