// Kafka's TransactionCoordinator for a single node: transactional ids, their producer ids and
// epochs, the partitions of each ongoing transaction, __transaction_state.
//
// SEAM (issue 10): a placeholder that the coordinator owner replaces. The produce path asks
// verifyPartition before appending a transactional batch (KIP-890 part 1,
// transaction.partition.verification.enable).
import { ErrorCode } from '../../protocol/errors.js';
import type { Broker } from '../broker.js';

export class TransactionCoordinator {
  constructor(private readonly broker: Broker) {}

  /**
   * Whether a transactional produce to topic-partition may be appended: the transactional id's
   * ongoing transaction (this producer id and epoch) has added the partition. Kafka's error
   * code otherwise.
   */
  verifyPartition(transactionalId: string, producerId: number, producerEpoch: number, topic: string, partition: number): number {
    void this.broker;
    void transactionalId;
    void producerId;
    void producerEpoch;
    void topic;
    void partition;
    return ErrorCode.NONE;
  }
}
