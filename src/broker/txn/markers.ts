// Writing an end-transaction marker (Kafka's WriteTxnMarkers, applied locally: on a single node
// the transaction coordinator and every partition leader are the same broker). The one place a
// COMMIT/ABORT control batch is appended to a partition; the transaction coordinator (EndTxn,
// timeouts) and the WriteTxnMarkers handler (kafka-transactions.sh abort) both call it.
// PartitionLog.appendEndTxnMarker checks the marker against the partition's producer state,
// appends it, completes the transaction (last stable offset, `.txnindex` for an abort); a marker
// on __consumer_offsets then makes the group coordinator apply or drop the transaction's offsets.
import { ErrorCode, KafkaError } from '../../protocol/errors.js';
import type { Broker } from '../broker.js';
import { CONSUMER_OFFSETS_TOPIC } from '../broker.js';
import { LEADER_EPOCH } from '../apis/single-node.js';

export type TxnResult = 'COMMIT' | 'ABORT';

export interface TxnMarker {
  producerId: number;
  producerEpoch: number;
  /** The coordinator's epoch for the transactional id's __transaction_state partition. */
  coordinatorEpoch: number;
  result: TxnResult;
}

/**
 * Appends the marker to topic-partition; returns Kafka's error code for that partition (NONE on
 * success). A producer epoch below the partition's answers INVALID_PRODUCER_EPOCH (Kafka's
 * ProducerAppendInfo throws InvalidProducerEpochException for markers as for produce, and
 * KafkaApis passes it through; its TransactionMarkerRequestCompletionHandler then drops the
 * markers, as for TRANSACTION_COORDINATOR_FENCED, a coordinator epoch below the last marker's).
 * Nothing is written on an error.
 */
export function writeTxnMarker(broker: Broker, topic: string, partition: number, marker: TxnMarker): number {
  const target = broker.lookupPartition(topic, partition);
  if (target.errorCode !== ErrorCode.NONE) return target.errorCode;
  try {
    target.log.appendEndTxnMarker(
      { producerId: marker.producerId, producerEpoch: marker.producerEpoch, coordinatorEpoch: marker.coordinatorEpoch, isAbort: marker.result === 'ABORT' },
      { leaderEpoch: LEADER_EPOCH, origin: 'coordinator' },
    );
  } catch (err) {
    if (!(err instanceof KafkaError)) throw err;
    broker.logger.debug(`Marker for producer ${marker.producerId} refused on ${topic}-${partition}: ${err.message}`);
    return err.code;
  }
  if (topic === CONSUMER_OFFSETS_TOPIC) broker.groups.onTxnMarker(partition, marker.producerId, marker.result === 'COMMIT');
  return ErrorCode.NONE;
}
