// The JSON line kafka-log-dirs prints: Jackson's serialisation of Java HashMaps, so key order is
// each map's hash order (fixed below) and list order follows the HashMaps LogDirsCommand and
// the Admin client fill (brokers by id, log dirs by path, partitions by TopicPartition).
import { stringifyExact } from '../../cli/json.js';
import { topicPartitionHashCode } from '../../client/cluster-metadata.js';
import { javaExceptionClass } from '../../java-compat/java-exceptions.js';
import { capacityAfterPuts, iterationOrderBy, javaStringHash } from '../../java-compat/java-hash-order.js';

export interface ReplicaInfo {
  readonly topic: string;
  readonly partition: number;
  readonly size: bigint;
  readonly offsetLag: bigint;
  readonly isFuture: boolean;
}

export interface LogDirDescription {
  readonly logDir: string;
  /** The dir's error code (0: none). */
  readonly errorCode: number;
  /** In the order the broker listed them. */
  readonly replicas: readonly ReplicaInfo[];
}

export interface BrokerLogDirs {
  readonly broker: number;
  /** In the order the broker listed them. */
  readonly logDirs: readonly LogDirDescription[];
}

/** Integer.hashCode() is the value itself. */
const integerHash = (n: number) => n;

/** A HashSet<Integer> copied from another collection (`new HashSet<>(c)`), as it iterates. */
export function integerSetOrder(ids: readonly number[]): number[] {
  const unique = [...new Set(ids)];
  return iterationOrderBy(unique, integerHash, capacityAfterPuts(Math.max(Math.floor(unique.length / 0.75) + 1, 16), unique.length));
}

/** The document kafka-log-dirs prints (and `--json` pretty-prints), keys in Kafka's order. */
export interface LogDirsDocument {
  readonly brokers: readonly {
    readonly broker: number;
    readonly logDirs: readonly {
      readonly partitions: readonly { readonly partition: string; readonly size: bigint; readonly offsetLag: bigint; readonly isFuture: boolean }[];
      /** The Java exception class of the dir's error, null when none. */
      readonly error: string | null;
      readonly logDir: string;
    }[];
  }[];
  readonly version: 1;
}

type LogDirEntry = LogDirsDocument['brokers'][number]['logDirs'][number];

function partitionEntry(r: ReplicaInfo): LogDirEntry['partitions'][number] {
  // HashMap order of the keys "partition", "size", "offsetLag", "isFuture".
  return { partition: `${r.topic}-${r.partition}`, size: r.size, offsetLag: r.offsetLag, isFuture: r.isFuture };
}

function logDirEntry(dir: LogDirDescription, topics: ReadonlySet<string>): LogDirEntry {
  const hash = (r: ReplicaInfo) => topicPartitionHashCode(r.topic, r.partition);
  // replicaInfoMap (a HashMap), then the filtered copy Collectors.toMap builds.
  const all = iterationOrderBy(dir.replicas, hash, capacityAfterPuts(16, dir.replicas.length));
  const kept = all.filter((r) => topics.size === 0 || topics.has(r.topic));
  const partitions = iterationOrderBy(kept, hash, capacityAfterPuts(16, kept.length));
  // HashMap order of the keys "partitions", "error", "logDir".
  return { partitions: partitions.map(partitionEntry), error: dir.errorCode === 0 ? null : javaExceptionClass(dir.errorCode), logDir: dir.logDir };
}

/** The whole document, in Kafka's order; `topics` empty means every topic. */
export function logDirsDocument(brokers: readonly BrokerLogDirs[], topics: ReadonlySet<string>): LogDirsDocument {
  const ordered = iterationOrderBy(brokers, (b) => integerHash(b.broker), capacityAfterPuts(brokers.length, brokers.length));
  return {
    brokers: ordered.map((b) => {
      const dirs = iterationOrderBy(b.logDirs, (d) => javaStringHash(d.logDir), capacityAfterPuts(b.logDirs.length, b.logDirs.length));
      return { broker: b.broker, logDirs: dirs.map((d) => logDirEntry(d, topics)) };
    }),
    version: 1,
  };
}

/** The JSON line kafka-log-dirs prints; `topics` empty means every topic. */
export function formatLogDirsJson(brokers: readonly BrokerLogDirs[], topics: ReadonlySet<string>): string {
  return stringifyExact(logDirsDocument(brokers, topics));
}
