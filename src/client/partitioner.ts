// Kafka's built-in partitioner (the Java producer's default since KIP-794): a keyed record goes
// to toPositive(murmur2(key)) % numPartitions, so kt and Java clients agree on where a key lives;
// records without a key stick to one partition until batch.size bytes went to it, then move on
// to another one chosen at random (uniform sticky, without the adaptive queue-size weighting).

const M = 0x5bd1e995;
const SEED = 0x9747b28c;

/** Kafka's Utils.murmur2: a signed 32-bit hash. */
export function murmur2(data: Uint8Array): number {
  const length = data.length;
  let h = (SEED ^ length) | 0;
  const length4 = length & ~3;
  for (let i = 0; i < length4; i += 4) {
    let k = data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24);
    k = Math.imul(k, M);
    k ^= k >>> 24;
    k = Math.imul(k, M);
    h = Math.imul(h, M);
    h ^= k;
  }
  // The trailing bytes (Java's switch with fall-through).
  const tail = length & 3;
  if (tail === 3) h ^= data[length4 + 2]! << 16;
  if (tail >= 2) h ^= data[length4 + 1]! << 8;
  if (tail >= 1) {
    h ^= data[length4]!;
    h = Math.imul(h, M);
  }
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}

/** Utils.toPositive. */
export function toPositive(n: number): number {
  return n & 0x7fffffff;
}

/** The partition of a keyed record. */
export function partitionForKey(key: Uint8Array, numPartitions: number): number {
  return toPositive(murmur2(key)) % numPartitions;
}

/** BuiltInPartitioner's sticky choice for key-less records of one topic. */
export class StickyPartitioner {
  private current = -1;
  private producedBytes = 0;

  constructor(
    private readonly numPartitions: number,
    /** batch.size: bytes that go to one partition before switching. */
    private readonly stickyBatchSize: number,
    private readonly random: () => number = Math.random,
  ) {}

  /** The partition for the next key-less record. */
  partition(): number {
    if (this.current < 0) this.current = Math.floor(this.random() * this.numPartitions);
    return this.current;
  }

  /** Counts `bytes` appended to the current partition; switches once batch.size is reached. */
  appended(bytes: number): void {
    this.producedBytes += bytes;
    if (this.producedBytes >= this.stickyBatchSize) this.switchPartition();
  }

  /** Moves to another partition at random (never the current one when there is a choice). */
  switchPartition(): void {
    this.producedBytes = 0;
    const n = this.numPartitions;
    if (this.current < 0 || n <= 1) this.current = Math.floor(this.random() * n);
    else this.current = (this.current + 1 + Math.floor(this.random() * (n - 1))) % n;
  }
}
