// Which __consumer_offsets partition owns a group: abs(String.hashCode(groupId)) % partitions.

export const OFFSETS_TOPIC = '__consumer_offsets';

/** Java's String.hashCode: h = 31*h + UTF-16 code unit, wrapping at 32 bits. */
export function javaStringHashCode(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

/** Kafka's Utils.abs maps Integer.MIN_VALUE to 0 (plain Math.abs would overflow in Java). */
function kafkaAbs(n: number): number {
  return n === -2147483648 ? 0 : Math.abs(n);
}

export function offsetsPartitionFor(groupId: string, partitionCount: number): number {
  return kafkaAbs(javaStringHashCode(groupId)) % partitionCount;
}
