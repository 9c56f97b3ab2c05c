// The producer's retry path against a scripted cluster: a retriable error is retried after
// retry.backoff.ms with the same bytes (same producer id and sequence), metadata is refreshed
// first when the leader may have moved, and a non-retriable error fails the records at once.
import { describe, expect, it } from 'vitest';
import type { Cluster } from '../../src/client/cluster.js';
import { Producer } from '../../src/client/producer.js';
import { ApiKey } from '../../src/protocol/api.js';
import { ErrorCode } from '../../src/protocol/errors.js';
import { CompressionType } from '../../src/protocol/records/compression/compression-type.js';
import { decodeRecordBatches } from '../../src/protocol/records/record-batch.js';

interface Sent {
  records: Buffer;
}

/** A one-broker, one-partition cluster answering Produce with `codes` in turn. */
function scriptedCluster(codes: number[]) {
  const produced: Sent[] = [];
  let metadataRequests = 0;
  const bootstrap = {
    send(apiKey: ApiKey) {
      if (apiKey === ApiKey.Metadata) {
        metadataRequests++;
        return Promise.resolve({ brokers: [{ nodeId: 1, host: 'h', port: 1 }], topics: [{ errorCode: 0, partitions: [{ partitionIndex: 0, leaderId: 1 }] }] });
      }
      return Promise.resolve({ errorCode: 0, producerId: 7n, producerEpoch: 2 });
    },
  };
  const connection = {
    send(_apiKey: ApiKey, _version: number, body: { topicData: Array<{ partitionData: Array<{ index: number; records: Buffer }> }> }) {
      const data = body.topicData[0]!.partitionData[0]!;
      produced.push({ records: Buffer.from(data.records) });
      const code = codes.shift() ?? ErrorCode.NONE;
      return Promise.resolve({
        responses: [{ name: 't', partitionResponses: [{ index: data.index, errorCode: code, baseOffset: 40n, logAppendTimeMs: -1n, errorMessage: null }] }],
      });
    },
  };
  const cluster = { bootstrap, addBroker() {}, connection: () => Promise.resolve(connection) } as unknown as Cluster;
  return { cluster, produced, metadataRequests: () => metadataRequests };
}

const SETTINGS = {
  acks: -1,
  batchSize: 16384,
  lingerMs: 0,
  compression: CompressionType.None,
  maxInFlight: 5,
  bufferMemory: 1 << 20,
  requestTimeoutMs: 1000,
  idempotent: true,
  retries: 2,
  retryBackoffMs: 10,
};

describe('Producer retries', () => {
  it('retries a retriable error with the same batch, refreshing metadata first', async () => {
    const { cluster, produced, metadataRequests } = scriptedCluster([ErrorCode.NOT_LEADER_OR_FOLLOWER]);
    const producer = await Producer.create(cluster, 't', SETTINGS);
    const results: string[] = [];
    producer.sendRecord(Buffer.from('k'), Buffer.from('v'), undefined, 1000, undefined, (error, partition, offset) => results.push(`${String(error)} ${partition} ${offset}`));
    await producer.flush();
    expect(results).toEqual(['undefined 0 40']);
    expect(produced).toHaveLength(2);
    expect(produced[1]!.records.equals(produced[0]!.records)).toBe(true);
    const [batch] = decodeRecordBatches(produced[0]!.records);
    expect({ producerId: batch!.producerId, epoch: batch!.producerEpoch, sequence: batch!.baseSequence }).toEqual({ producerId: 7, epoch: 2, sequence: 0 });
    expect(metadataRequests()).toBe(2);
    expect(producer.counters.retries).toBe(1);
  });

  it('gives up after `retries` retries, and fails non-retriable errors at once', async () => {
    const retriable = scriptedCluster([ErrorCode.REQUEST_TIMED_OUT, ErrorCode.REQUEST_TIMED_OUT, ErrorCode.REQUEST_TIMED_OUT]);
    let producer = await Producer.create(retriable.cluster, 't', SETTINGS);
    const errors: string[] = [];
    producer.sendRecord(null, Buffer.from('v'), undefined, 1000, undefined, (error) => errors.push(String(error)));
    await producer.flush();
    expect(retriable.produced).toHaveLength(3);
    expect(errors).toEqual(['org.apache.kafka.common.errors.TimeoutException: The request timed out.']);

    const fatal = scriptedCluster([ErrorCode.INVALID_REQUIRED_ACKS]);
    producer = await Producer.create(fatal.cluster, 't', SETTINGS);
    producer.sendRecord(null, Buffer.from('v'), undefined, 1000, undefined, (error) => errors.push(String(error)));
    await producer.flush();
    expect(fatal.produced).toHaveLength(1);
    expect(errors[1]).toMatch(/^org\.apache\.kafka\.common\.errors\.InvalidRequiredAcksException: /);
  });
});
