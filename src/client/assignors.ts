// Kafka's client-side partition assignors for the classic consumer protocol, by their protocol
// names: "range", "roundrobin", "sticky" (eager) and "cooperative-sticky" (cooperative). The
// group leader runs the assignor the coordinator chose for every member's subscription.
import { rangeAssign } from './range-assignor.js';

export interface TopicPartition {
  readonly topic: string;
  readonly partition: number;
}

export interface MemberSubscription {
  readonly memberId: string;
  readonly topics: readonly string[];
  /** Partitions the member owned before this rebalance (as it reported them). */
  readonly owned: readonly TopicPartition[];
  /** The generation `owned` is from (-1 unknown); a stale claim loses to a newer one. */
  readonly generation: number;
}

export type RebalanceProtocol = 'eager' | 'cooperative';

export interface Assignor {
  readonly name: string;
  readonly protocol: RebalanceProtocol;
  /** Partitions per member; `partitionCounts` has every subscribed topic that exists. */
  assign(members: readonly MemberSubscription[], partitionCounts: ReadonlyMap<string, number>): Map<string, TopicPartition[]>;
}

/** Java's class names of the built-in assignors (partition.assignment.strategy), by protocol name. */
export const ASSIGNOR_CLASSES: Readonly<Record<string, string>> = {
  range: 'org.apache.kafka.clients.consumer.RangeAssignor',
  roundrobin: 'org.apache.kafka.clients.consumer.RoundRobinAssignor',
  sticky: 'org.apache.kafka.clients.consumer.StickyAssignor',
  'cooperative-sticky': 'org.apache.kafka.clients.consumer.CooperativeStickyAssignor',
};

const byTopicThenPartition = (a: TopicPartition, b: TopicPartition) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition);

function emptyAssignment(members: readonly MemberSubscription[]): Map<string, TopicPartition[]> {
  return new Map(members.map((m) => [m.memberId, []]));
}

/** RangeAssignor: per topic, the subscribed members sorted by id take contiguous ranges. */
export const RANGE: Assignor = {
  name: 'range',
  protocol: 'eager',
  assign(members, partitionCounts) {
    const out = emptyAssignment(members);
    for (const [topic, count] of [...partitionCounts].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      const subscribed = members.filter((m) => m.topics.includes(topic)).map((m) => m.memberId);
      if (subscribed.length === 0) continue;
      for (const [member, partitions] of rangeAssign(subscribed, count)) out.get(member)!.push(...partitions.map((partition) => ({ topic, partition })));
    }
    return out;
  },
};

/** RoundRobinAssignor: every partition of every topic in order, dealt round the sorted members, skipping members not subscribed to its topic. */
export const ROUND_ROBIN: Assignor = {
  name: 'roundrobin',
  protocol: 'eager',
  assign(members, partitionCounts) {
    const out = emptyAssignment(members);
    const sorted = [...members].sort((a, b) => (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0));
    if (sorted.length === 0) return out;
    let next = 0;
    for (const tp of allPartitions(partitionCounts)) {
      if (!sorted.some((m) => m.topics.includes(tp.topic))) continue;
      while (!sorted[next % sorted.length]!.topics.includes(tp.topic)) next++;
      out.get(sorted[next % sorted.length]!.memberId)!.push(tp);
      next++;
    }
    return out;
  },
};

function allPartitions(partitionCounts: ReadonlyMap<string, number>): TopicPartition[] {
  const out: TopicPartition[] = [];
  for (const topic of [...partitionCounts.keys()].sort()) for (let p = 0; p < partitionCounts.get(topic)!; p++) out.push({ topic, partition: p });
  return out;
}

/**
 * The sticky assignment (AbstractStickyAssignor's goals): balanced (member counts differ by at
 * most one where subscriptions allow), and as many partitions as possible stay with their owner.
 * Owners keep partitions up to their quota; members below it then take the lowest free
 * partitions, and what is left goes to the least-loaded subscribed member. A partition claimed by two members goes to the newer generation's claim.
 */
export function stickyAssign(members: readonly MemberSubscription[], partitionCounts: ReadonlyMap<string, number>): Map<string, TopicPartition[]> {
  const out = emptyAssignment(members);
  const key = (tp: TopicPartition) => `${tp.topic}\0${tp.partition}`;
  const exists = (tp: TopicPartition) => tp.partition < (partitionCounts.get(tp.topic) ?? 0);
  // The claim of the newest generation wins.
  const owner = new Map<string, { memberId: string; generation: number }>();
  for (const m of members) {
    for (const tp of m.owned) {
      if (!exists(tp) || !m.topics.includes(tp.topic)) continue;
      const claim = owner.get(key(tp));
      if (claim === undefined || m.generation > claim.generation) owner.set(key(tp), { memberId: m.memberId, generation: m.generation });
    }
  }
  const all = allPartitions(partitionCounts).filter((tp) => members.some((m) => m.topics.includes(tp.topic)));
  const quota = members.length === 0 ? 0 : Math.floor(all.length / members.length);
  let extraSlots = members.length === 0 ? 0 : all.length % members.length;
  const sortedMembers = [...members].sort((a, b) => (a.memberId < b.memberId ? -1 : 1));
  const unassigned: TopicPartition[] = [];
  const kept = new Map<string, TopicPartition[]>();
  for (const m of sortedMembers) kept.set(m.memberId, []);
  for (const tp of all) {
    const claim = owner.get(key(tp));
    if (claim === undefined) unassigned.push(tp);
    else kept.get(claim.memberId)!.push(tp);
  }
  for (const m of sortedMembers) {
    const mine = kept.get(m.memberId)!;
    let limit = quota;
    if (mine.length > quota && extraSlots > 0) {
      limit = quota + 1;
      extraSlots--;
    }
    out.get(m.memberId)!.push(...mine.slice(0, limit));
    unassigned.push(...mine.slice(limit));
  }
  unassigned.sort(byTopicThenPartition);
  // Members under their quota first take the lowest unassigned partitions they subscribe to, in
  // member order (Java's constrained assignment); what is left goes to the least loaded.
  for (const m of sortedMembers) {
    const mine = out.get(m.memberId)!;
    for (let i = 0; i < unassigned.length && mine.length < quota; ) {
      if (m.topics.includes(unassigned[i]!.topic)) mine.push(unassigned.splice(i, 1)[0]!);
      else i++;
    }
  }
  for (const tp of unassigned) {
    let best: MemberSubscription | undefined;
    for (const m of sortedMembers) {
      if (!m.topics.includes(tp.topic)) continue;
      if (best === undefined || out.get(m.memberId)!.length < out.get(best.memberId)!.length) best = m;
    }
    if (best !== undefined) out.get(best.memberId)!.push(tp);
  }
  for (const list of out.values()) list.sort(byTopicThenPartition);
  return out;
}

export const STICKY: Assignor = { name: 'sticky', protocol: 'eager', assign: stickyAssign };

/**
 * CooperativeStickyAssignor: the sticky assignment, minus every partition that changes owner in
 * this round; its owner revokes it first and it is assigned in the follow-up rebalance.
 */
export const COOPERATIVE_STICKY: Assignor = {
  name: 'cooperative-sticky',
  protocol: 'cooperative',
  assign(members, partitionCounts) {
    const out = stickyAssign(members, partitionCounts);
    const ownerOf = new Map<string, string>();
    for (const m of members) for (const tp of m.owned) ownerOf.set(`${tp.topic}\0${tp.partition}`, m.memberId);
    for (const [memberId, list] of out) {
      out.set(
        memberId,
        list.filter((tp) => {
          const previous = ownerOf.get(`${tp.topic}\0${tp.partition}`);
          return previous === undefined || previous === memberId;
        }),
      );
    }
    return out;
  },
};

export const ASSIGNORS: readonly Assignor[] = [RANGE, ROUND_ROBIN, STICKY, COOPERATIVE_STICKY];

/**
 * partition.assignment.strategy: a comma-separated list of Java class names (or protocol
 * names), in preference order; unknown names fail as Java's ConfigException does.
 */
export function assignorsFromConfig(value: string | undefined): Assignor[] {
  if (value === undefined) return [RANGE, COOPERATIVE_STICKY];
  const out: Assignor[] = [];
  for (const raw of value.split(',')) {
    const name = raw.trim();
    if (name === '') continue;
    const assignor = ASSIGNORS.find((a) => a.name === name || ASSIGNOR_CLASSES[a.name] === name);
    if (assignor === undefined) throw new Error(`Invalid value ${name} for configuration partition.assignment.strategy: Class ${name} cannot be found`);
    if (!out.includes(assignor)) out.push(assignor);
  }
  return out;
}
