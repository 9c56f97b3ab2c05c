// Writing an end-transaction marker (Kafka's WriteTxnMarkers, applied locally: on a single node
// the transaction coordinator and every partition leader are the same broker). The one place a
// COMMIT/ABORT control batch is appended to a partition; the transaction coordinator (EndTxn,
// timeouts) and the WriteTxnMarkers handler (kafka-transactions.sh abort) both call it.
//
// SEAM (issue 10): the producer-state owner makes this validate the marker's epoch against the
// partition's producer state, complete the transaction (LSO, .txnindex for aborts) and answer
// Kafka's errors; the coordinator owner implements GroupCoordinator.onTxnMarker.
import { ControlRecordType, encodeControlBatch } from '../../protocol/records/control.js';
import { ErrorCode, KafkaError } from '../../protocol/errors.js';
import { MAX_TIMESTAMP } from '../../storage/batch-header.js';
import { readInt64Number } from '../../protocol/records/int64.js';
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

/** Appends the marker to topic-partition; returns Kafka's error code for that partition (NONE on success). */
export function writeTxnMarker(broker: Broker, topic: string, partition: number, marker: TxnMarker): number {
  const target = broker.lookupPartition(topic, partition);
  if (target.errorCode !== ErrorCode.NONE) return target.errorCode;
  const batch = encodeControlBatch({
    type: marker.result === 'COMMIT' ? ControlRecordType.Commit : ControlRecordType.Abort,
    producerId: marker.producerId,
    producerEpoch: marker.producerEpoch,
    coordinatorEpoch: marker.coordinatorEpoch,
    timestamp: Date.now(),
  });
  try {
    target.log.append(batch, [{ position: 0, size: batch.length, lastOffsetDelta: 0, maxTimestamp: readInt64Number(batch, MAX_TIMESTAMP) }], { leaderEpoch: LEADER_EPOCH });
  } catch (err) {
    if (err instanceof KafkaError) return err.code;
    throw err;
  }
  if (topic === CONSUMER_OFFSETS_TOPIC) broker.groups.onTxnMarker(partition, marker.producerId, marker.result === 'COMMIT');
  return ErrorCode.NONE;
}
