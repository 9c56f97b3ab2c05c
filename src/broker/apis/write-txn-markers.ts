// WriteTxnMarkers (27): COMMIT/ABORT markers for a producer's transaction on each partition
// named. Kafka's coordinators send it to partition leaders; on one node the coordinator writes
// its markers directly (txn/markers.ts), and this handler serves clients that send it
// themselves (kafka-transactions.sh abort of a hanging transaction). Each partition is answered
// through writeTxnMarker: UNKNOWN_TOPIC_OR_PARTITION, INVALID_PRODUCER_EPOCH for a stale producer epoch,
// TRANSACTION_COORDINATOR_FENCED for a stale coordinator epoch.
import { ApiKey } from '../../protocol/api.js';
import { writeTxnMarker } from '../txn/markers.js';
import { defineHandler } from './handler.js';

export default defineHandler({
  apiKey: ApiKey.WriteTxnMarkers,
  minVersion: 0,
  maxVersion: 1,
  handle(ctx, req) {
    const markers = req.markers.map((m) => ({
      producerId: m.producerId,
      topics: m.topics.map((t) => ({
        name: t.name,
        partitions: t.partitionIndexes.map((partitionIndex) => ({
          partitionIndex,
          errorCode: writeTxnMarker(ctx.broker, t.name, partitionIndex, {
            producerId: Number(m.producerId),
            producerEpoch: m.producerEpoch,
            coordinatorEpoch: m.coordinatorEpoch,
            result: m.transactionResult ? 'COMMIT' : 'ABORT',
          }),
        })),
      })),
    }));
    return { markers };
  },
  errorResponse(req, error) {
    return {
      markers: req.markers.map((m) => ({
        producerId: m.producerId,
        topics: m.topics.map((t) => ({ name: t.name, partitions: t.partitionIndexes.map((partitionIndex) => ({ partitionIndex, errorCode: error.code })) })),
      })),
    };
  },
});
