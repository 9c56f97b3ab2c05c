// The order kafka-consumer-groups prints rows in. Its partition rows and reset plans live in
// Java HashMaps (`Collectors.toMap`, `new HashMap<>()`), so they come out in bucket order, not
// sorted: kt reproduces that order so the output matches Kafka's line for line.
import { capacityAfterPuts, iterationOrderBy, javaStringHash, topicPartitionHashCode } from '../../java-compat/java-hash-order.js';

export interface TopicPartition {
  readonly topic: string;
  readonly partition: number;
}

/** TopicPartition.toString(). */
export function tpString(tp: TopicPartition): string {
  return `${tp.topic}-${tp.partition}`;
}

/** A map key that identifies a partition (topic names cannot contain NUL). */
export function tpKey(tp: TopicPartition): string {
  return `${tp.topic}\u0000${tp.partition}`;
}

/** TopicPartition.hashCode(). */
export function topicPartitionHash(tp: TopicPartition): number {
  return topicPartitionHashCode(tp.topic, tp.partition);
}

/** Iteration order of a `new HashMap<>()` (default capacity 16) after inserting `items` in the given order. */
export function hashMapOrder<T>(items: readonly T[], hash: (item: T) => number): T[] {
  return iterationOrderBy(items, hash, capacityAfterPuts(16, items.length));
}

/** HashMap<TopicPartition, V> order of entries inserted in the given order. */
export function partitionMapOrder<T extends TopicPartition>(items: readonly T[]): T[] {
  return hashMapOrder(items, topicPartitionHash);
}

/** HashMap<String, V> order of keys inserted in the given order. */
export function stringMapOrder(keys: readonly string[]): string[] {
  return hashMapOrder(keys, javaStringHash);
}

/** Java's String.compareTo: UTF-16 code unit order (a TreeMap<String> iterates in it). */
export function compareJavaStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
