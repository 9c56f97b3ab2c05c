// Iteration order of Java's HashMap<String, V>, for output Kafka's tools print in hash order
// (kafka-topics --describe lists topics in the order of the HashMap the Admin client returns).
// A HashMap iterates bucket by bucket (index = spread(hash) & (capacity - 1)); keys sharing a
// bucket keep insertion order, and a resize preserves that relative order.

/** Java's String.hashCode over UTF-16 code units, as a signed 32-bit integer. */
export function javaStringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

/** HashMap.hash(): the hash with its high half folded into the low half. */
function spread(h: number): number {
  return h ^ (h >>> 16);
}

function tableSizeFor(n: number): number {
  let cap = 1;
  while (cap < n) cap *= 2;
  return cap;
}

/** Table size of `new HashMap<>(initialCapacity)` after `size` insertions (load factor 0.75). */
export function capacityAfterPuts(initialCapacity: number, size: number): number {
  let cap = tableSizeFor(Math.max(initialCapacity, 1));
  while (size > Math.floor(cap * 0.75)) cap *= 2;
  return cap;
}

/** Table size of `new HashMap<>(otherMap)` holding `size` entries (JDK 17's pre-sizing). */
export function capacityOfCopy(size: number): number {
  return capacityAfterPuts(tableSizeFor(Math.floor(size / 0.75 + 1)), size);
}

/** Keys as a HashMap of the given table size iterates them, given their insertion order. */
export function iterationOrder(keysInInsertionOrder: readonly string[], capacity: number): string[] {
  const mask = capacity - 1;
  return keysInInsertionOrder
    .map((key, index) => ({ key, index, bucket: spread(javaStringHash(key)) & mask }))
    .sort((a, b) => a.bucket - b.bucket || a.index - b.index)
    .map((e) => e.key);
}

/** Items as a HashMap of the given table size iterates them, given their Java hashCode(). */
export function iterationOrderBy<T>(itemsInInsertionOrder: readonly T[], hashCode: (item: T) => number, capacity: number): T[] {
  const mask = capacity - 1;
  return itemsInInsertionOrder
    .map((item, index) => ({ item, index, bucket: spread(hashCode(item)) & mask }))
    .sort((a, b) => a.bucket - b.bucket || a.index - b.index)
    .map((e) => e.item);
}

/**
 * The order of `admin.describeTopics(names).allTopicNames().get().values()`: the names go into a
 * HashMap sized for them, are copied into a second map, and then into the result map.
 */
export function describeTopicsOrder(sortedNames: readonly string[]): string[] {
  const n = sortedNames.length;
  const futures = iterationOrder(sortedNames, capacityAfterPuts(n, n));
  const copy = iterationOrder(futures, capacityOfCopy(n));
  return iterationOrder(copy, capacityAfterPuts(n, n));
}

/** Java's TopicPartition.hashCode(). */
export function topicPartitionHashCode(topic: string, partition: number): number {
  return (Math.imul(31, (31 + partition) | 0) + javaStringHash(topic)) | 0;
}
