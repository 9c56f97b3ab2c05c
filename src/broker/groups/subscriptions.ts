// What a consumer group's members subscribe to, from their ConsumerProtocolSubscription metadata:
// OffsetDelete refuses subscribed topics, and offset expiration spares them in a Stable group.
import { decodeConsumerSubscription } from '../../protocol/coordinator-records.js';
import type { ClassicGroup } from './group.js';

/**
 * Topics the group's consumers subscribe to, from their ConsumerProtocolSubscription metadata;
 * empty for a consumer group without members; null when unknown (not a consumer group, or
 * metadata that does not parse).
 */
export function subscribedTopics(group: ClassicGroup): Set<string> | null {
  if (group.protocolType !== 'consumer') return null;
  if (group.size === 0) return new Set();
  if (group.protocolName === null) return null;
  const topics = new Set<string>();
  try {
    for (const m of group.members.values()) {
      for (const t of decodeConsumerSubscription(m.metadata(group.protocolName)).value.topics) topics.add(t);
    }
  } catch {
    return null;
  }
  return topics;
}
