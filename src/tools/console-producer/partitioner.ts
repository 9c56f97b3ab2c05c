// The Java producer's default partitioning: a keyed record goes to
// toPositive(murmur2(key)) % numPartitions (so kt and Java clients agree on where a key lives);
// records without a key stick to one randomly chosen available partition until batch.size bytes
// have gone to it, then move to another (Kafka's BuiltInPartitioner, without the adaptive part).

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

interface Sticky {
  partition: number;
  bytes: number;
}

/** Sticky partition choice for records without a key, one state per topic. */
export class StickyPartitions {
  private readonly byTopic = new Map<string, Sticky>();

  constructor(
    private readonly batchSize: number,
    private readonly random: () => number = Math.random,
  ) {}

  /** `available` lists partitions that have a leader; `numPartitions` is used when none has. */
  next(topic: string, available: readonly number[], numPartitions: number, recordBytes: number): number {
    let sticky = this.byTopic.get(topic);
    const candidates = available.length > 0 ? available : [...Array(numPartitions).keys()];
    if (sticky === undefined || sticky.bytes >= this.batchSize || !candidates.includes(sticky.partition)) {
      sticky = { partition: this.pick(candidates, sticky?.partition), bytes: 0 };
      this.byTopic.set(topic, sticky);
    }
    sticky.bytes += recordBytes;
    return sticky.partition;
  }

  private pick(candidates: readonly number[], previous: number | undefined): number {
    const others = candidates.length > 1 && previous !== undefined ? candidates.filter((p) => p !== previous) : candidates;
    return others[Math.floor(this.random() * others.length)]!;
  }
}

interface KafkajsPartitionerArgs {
  topic: string;
  partitionMetadata: ReadonlyArray<{ partitionId: number; leader: number }>;
  message: { key?: Buffer | string | null; value: Buffer | string | null; partition?: number };
}

/** A kafkajs `createPartitioner` with the Java client's rules. */
export function javaCompatiblePartitioner(batchSize: number): () => (args: KafkajsPartitionerArgs) => number {
  return () => {
    const sticky = new StickyPartitions(batchSize);
    return ({ topic, partitionMetadata, message }) => {
      if (message.partition !== undefined && message.partition !== null) return message.partition;
      const numPartitions = partitionMetadata.length;
      const key = message.key;
      if (key !== null && key !== undefined) {
        return partitionForKey(typeof key === 'string' ? Buffer.from(key) : key, numPartitions);
      }
      const available = partitionMetadata.filter((p) => p.leader >= 0).map((p) => p.partitionId);
      const value = message.value;
      const size = value === null ? 0 : typeof value === 'string' ? Buffer.byteLength(value) : value.length;
      return sticky.next(topic, available, numPartitions, size);
    };
  };
}
