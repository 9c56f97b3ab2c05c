// The user data Java's sticky assignors put in their subscriptions. StickyAssignor (eager: the
// member has revoked everything before it joins) carries its previous assignment and generation:
// [topic: string, partitions: [int32]] then generation int32, in Kafka's plain protocol types.
// CooperativeStickyAssignor carries only the generation (int32).
import type { TopicPartition } from './assignors.js';

export function encodeStickyUserData(previous: readonly TopicPartition[], generation: number): Buffer {
  const byTopic = new Map<string, number[]>();
  for (const tp of previous) {
    let list = byTopic.get(tp.topic);
    if (list === undefined) byTopic.set(tp.topic, (list = []));
    list.push(tp.partition);
  }
  const parts: Buffer[] = [int32(byTopic.size)];
  for (const [topic, partitions] of byTopic) {
    const name = Buffer.from(topic, 'utf8');
    const length = Buffer.alloc(2);
    length.writeInt16BE(name.length);
    parts.push(length, name, int32(partitions.length), ...partitions.map(int32));
  }
  parts.push(int32(generation));
  return Buffer.concat(parts);
}

/** The previous assignment and generation, or undefined when the bytes are not sticky user data. */
export function decodeStickyUserData(buf: Buffer): { owned: TopicPartition[]; generation: number } | undefined {
  try {
    let pos = 0;
    const owned: TopicPartition[] = [];
    const topics = buf.readInt32BE(pos);
    pos += 4;
    for (let i = 0; i < topics; i++) {
      const length = buf.readInt16BE(pos);
      pos += 2;
      const topic = buf.toString('utf8', pos, pos + length);
      pos += length;
      const count = buf.readInt32BE(pos);
      pos += 4;
      for (let k = 0; k < count; k++, pos += 4) owned.push({ topic, partition: buf.readInt32BE(pos) });
    }
    const generation = pos + 4 <= buf.length ? buf.readInt32BE(pos) : -1;
    return { owned, generation };
  } catch {
    return undefined;
  }
}

export function encodeCooperativeUserData(generation: number): Buffer {
  return int32(generation);
}

function int32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
}
