// Kafka's offset expiration for classic groups (GroupMetadata.removeExpiredOffsets): which committed
// offsets a cleanup pass removes, every offsets.retention.check.interval.ms.
//   - a commit with an explicit expire timestamp (OffsetCommit v2-v4 retention time) expires then;
//   - otherwise after offsets.retention.minutes, counted from
//       the moment the group became Empty (a group with a protocol and no members),
//       each commit's own timestamp for a group without a protocol (standalone consumers that only
//         store offsets), and for a Stable consumer group, but there only for topics none of its
//         members subscribes to;
//   - no other group loses offsets, and no offset a transaction may still replace (pending TxnOffsetCommit).
import type { ClassicGroup, CommittedOffset } from './group.js';
import { subscribedTopics } from './subscriptions.js';

export interface ExpiredOffset {
  readonly topic: string;
  readonly partition: number;
}

export function expiredOffsets(group: ClassicGroup, now: number, retentionMs: number): ExpiredOffset[] {
  let base: (o: CommittedOffset) => number;
  let kept: ReadonlySet<string> = new Set();
  if (group.protocolType !== null && group.is('Empty')) {
    base = () => group.stateTimestamp;
  } else if (group.protocolType === null) {
    base = (o) => o.commitTimestamp;
  } else if (group.protocolType === 'consumer' && group.is('Stable')) {
    const subscribed = subscribedTopics(group);
    if (subscribed === null) return [];
    base = (o) => o.commitTimestamp;
    kept = subscribed;
  } else {
    return [];
  }
  const expired: ExpiredOffset[] = [];
  for (const [topic, byPartition] of group.offsets) {
    if (kept.has(topic)) continue;
    for (const [partition, o] of byPartition) {
      if (group.hasPendingTxnOffset(topic, partition)) continue;
      const due = o.expireTimestamp !== null ? now >= o.expireTimestamp : now - base(o) >= retentionMs;
      if (due) expired.push({ topic, partition });
    }
  }
  return expired;
}
