// TxnOffsetCommit (28): a transactional producer commits a consumer group's offsets as part of its
// transaction (sendOffsetsToTransaction). As in Kafka's KafkaApis: partitions of unknown topics
// are answered UNKNOWN_TOPIC_OR_PARTITION and the rest go to the group coordinator; KIP-890
// verification first checks that AddOffsetsToTxn put the group's __consumer_offsets partition in
// the transaction. Clients before v2 get COORDINATOR_NOT_AVAILABLE for COORDINATOR_LOAD_IN_PROGRESS.
import { ApiKey } from '../../protocol/api.js';
import { ErrorCode } from '../../protocol/errors.js';
import type { TxnOffsetCommitResponseTopic } from '../../protocol/generated/types.js';
import { CONSUMER_OFFSETS_TOPIC } from '../broker.js';
import { defineHandler } from './handler.js';

export default defineHandler({
  apiKey: ApiKey.TxnOffsetCommit,
  minVersion: 0,
  maxVersion: 4,
  async handle(ctx, req) {
    const { broker, apiVersion } = ctx;
    const unknown: TxnOffsetCommitResponseTopic[] = [];
    const known = req.topics.flatMap((t) => {
      const exists = t.partitions.filter((p) => broker.lookupPartition(t.name, p.partitionIndex).errorCode === ErrorCode.NONE);
      const missing = t.partitions.filter((p) => !exists.includes(p));
      if (missing.length > 0) unknown.push({ name: t.name, partitions: missing.map((p) => ({ partitionIndex: p.partitionIndex, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION })) });
      return exists.length > 0 ? [{ ...t, partitions: exists }] : [];
    });
    let answered: TxnOffsetCommitResponseTopic[] = [];
    if (known.length > 0) {
      const groupError = broker.groups.statusErrorCode;
      const verifyError =
        groupError !== ErrorCode.NONE || req.groupId === ''
          ? ErrorCode.NONE
          : broker.transactions.verifyPartition(req.transactionalId, Number(req.producerId), req.producerEpoch, CONSUMER_OFFSETS_TOPIC, broker.groups.partitionFor(req.groupId));
      answered =
        verifyError !== ErrorCode.NONE
          ? known.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode: verifyError })) }))
          : (await broker.groups.txnOffsetCommit({ ...req, topics: known }, ctx)).topics;
    }
    const topics = mergeByTopic(unknown, answered);
    if (apiVersion < 2) {
      for (const t of topics) for (const p of t.partitions) if (p.errorCode === ErrorCode.COORDINATOR_LOAD_IN_PROGRESS) p.errorCode = ErrorCode.COORDINATOR_NOT_AVAILABLE;
    }
    return { throttleTimeMs: 0, topics };
  },
  errorResponse(req, error) {
    return { throttleTimeMs: 0, topics: req.topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode: error.code })) })) };
  },
});

/** One entry per topic, as Kafka's response builder keeps them. */
function mergeByTopic(...lists: TxnOffsetCommitResponseTopic[][]): TxnOffsetCommitResponseTopic[] {
  const byName = new Map<string, TxnOffsetCommitResponseTopic>();
  for (const list of lists) {
    for (const t of list) {
      const existing = byName.get(t.name);
      if (existing) existing.partitions.push(...t.partitions);
      else byName.set(t.name, { name: t.name, partitions: [...t.partitions] });
    }
  }
  return [...byName.values()];
}
