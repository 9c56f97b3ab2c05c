// The order in which a java.util.HashMap with String keys iterates. Some Kafka answers depend on
// it: the controller checks a request's feature updates in its HashMap's order and reports the
// first failure, so which feature's error a client sees follows this order.

/** Java's String.hashCode (UTF-16 code units, 32-bit wrap-around). */
export function javaStringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

/**
 * Distinct keys in the order a HashMap (default capacity 16, load factor 0.75) filled with them in
 * the given order iterates: by bucket (the spread hash masked by the table size), then by
 * insertion within a bucket (resizing keeps that relative order).
 */
export function javaHashMapOrder(keys: Iterable<string>): string[] {
  const distinct = [...new Set(keys)];
  let capacity = 16;
  while (distinct.length > capacity * 0.75) capacity *= 2;
  const bucket = (k: string) => {
    const h = javaStringHash(k);
    return (h ^ (h >>> 16)) & (capacity - 1);
  };
  // Array.prototype.sort is stable, so ties keep insertion order.
  return distinct.map((k) => [k, bucket(k)] as const).sort((a, b) => a[1] - b[1]).map(([k]) => k);
}
