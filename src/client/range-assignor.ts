// Kafka's RangeAssignor for one topic: members sorted by id, each takes a contiguous range of
// partitions; the first (partitions % members) members take one extra.
export function rangeAssign(memberIds: readonly string[], partitionCount: number): Map<string, number[]> {
  const members = [...memberIds].sort();
  const out = new Map<string, number[]>();
  const per = Math.floor(partitionCount / members.length);
  const extra = partitionCount % members.length;
  members.forEach((member, i) => {
    const start = per * i + Math.min(i, extra);
    const length = per + (i < extra ? 1 : 0);
    out.set(member, Array.from({ length }, (_, k) => start + k));
  });
  return out;
}
