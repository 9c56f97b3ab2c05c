// DescribeProducers (61): the active producers of each partition named (kafka-transactions.sh
// describe-producers): producer id and epoch, last sequence, last timestamp, coordinator epoch
// and the first offset of the ongoing transaction (-1 when none). A partition that does not
// exist answers UNKNOWN_TOPIC_OR_PARTITION. Producers are listed in the order Kafka's
// HashMap<Long, ProducerStateEntry> iterates them.
import { ApiKey, type DescribeProducersResponseProducerState } from '../../protocol/api.js';
import { ErrorCode } from '../../protocol/errors.js';
import { int64BigInt } from '../../protocol/records/int64.js';
import type { Broker } from '../broker.js';
import type { ProducerStateEntry } from '../txn/producer-state-entry.js';
import { defineHandler } from './handler.js';

export default defineHandler({
  apiKey: ApiKey.DescribeProducers,
  minVersion: 0,
  maxVersion: 0,
  handle(ctx, req) {
    return {
      throttleTimeMs: 0,
      topics: req.topics.map((t) => ({ name: t.name, partitions: t.partitionIndexes.map((p) => describePartition(ctx.broker, t.name, p)) })),
    };
  },
  errorResponse(req, error) {
    return {
      throttleTimeMs: 0,
      topics: req.topics.map((t) => ({
        name: t.name,
        partitions: t.partitionIndexes.map((partitionIndex) => ({ partitionIndex, errorCode: error.code, errorMessage: error.message, activeProducers: [] })),
      })),
    };
  },
});

function describePartition(broker: Broker, topic: string, partitionIndex: number) {
  const target = broker.lookupPartition(topic, partitionIndex);
  if (target.errorCode !== ErrorCode.NONE) return { partitionIndex, errorCode: target.errorCode, errorMessage: null, activeProducers: [] };
  const producers = javaLongHashMapOrder([...target.log.producerState.producers.values()]);
  return { partitionIndex, errorCode: ErrorCode.NONE, errorMessage: null, activeProducers: producers.map(producerState) };
}

function producerState(e: ProducerStateEntry): DescribeProducersResponseProducerState {
  return {
    producerId: int64BigInt(e.producerId),
    producerEpoch: e.producerEpoch,
    lastSequence: e.lastSeq,
    lastTimestamp: int64BigInt(e.lastTimestamp),
    coordinatorEpoch: e.coordinatorEpoch,
    currentTxnStartOffset: BigInt(e.currentTxnFirstOffset),
  };
}

/**
 * The iteration order of a java.util.HashMap<Long, V> holding these entries: by bucket (Long's
 * hashCode, spread and masked by the table size), insertion order within a bucket.
 */
function javaLongHashMapOrder(entries: ProducerStateEntry[]): ProducerStateEntry[] {
  let capacity = 16;
  while (entries.length > capacity * 0.75) capacity *= 2;
  const bucket = (id: number) => {
    const v = BigInt.asUintN(64, BigInt(id));
    const h = Number(BigInt.asIntN(32, v ^ (v >> 32n)));
    return (h ^ (h >>> 16)) & (capacity - 1);
  };
  return entries.map((e) => [e, bucket(e.producerId)] as const).sort((a, b) => a[1] - b[1]).map(([e]) => e);
}
