// kafka-delete-records' --offset-json-file: `{"partitions":[{"topic":"t","partition":0,"offset":5}],"version":1}`,
// decoded with the messages of Kafka's JSON helpers (DecodeJson, JsonObject) and in the order
// Kafka's maps hold the partitions (HashMap<TopicPartition>), which is the order it prints them.
import { topicPartitionHashCode } from '../../client/cluster-metadata.js';
import { capacityAfterPuts, iterationOrderBy } from '../../java-compat/java-hash-order.js';

export interface RecordsToDelete {
  readonly topic: string;
  readonly partition: number;
  /** Delete records before this offset; -1 means up to the high watermark. */
  readonly offset: bigint;
}

/** AdminOperationException, JsonMappingException or AdminCommandFailedException: printed as its message. */
export class OffsetJsonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OffsetJsonError';
  }
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

/** Jackson's JsonNode.toString(), near enough for error messages. */
function nodeText(node: Json): string {
  return JSON.stringify(node);
}

function asObject(node: Json): { [key: string]: Json } {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) throw new OffsetJsonError(`Expected JSON object, received ${nodeText(node)}`);
  return node;
}

function field(object: { [key: string]: Json }, name: string): Json {
  if (!Object.hasOwn(object, name)) throw new OffsetJsonError(`No such field exists: \`${name}\``);
  return object[name]!;
}

function decodeInt(node: Json): number {
  if (typeof node === 'number' && Number.isInteger(node) && node >= INT_MIN && node <= INT_MAX) return node;
  throw new OffsetJsonError(`Expected \`Integer\` value, received ${nodeText(node)}`);
}

function decodeLong(node: Json): bigint {
  if (typeof node === 'number' && Number.isInteger(node)) return BigInt(node);
  throw new OffsetJsonError(`Expected \`Long\` value, received ${nodeText(node)}`);
}

function decodeString(node: Json): string {
  if (typeof node === 'string') return node;
  throw new OffsetJsonError(`Expected \`String\` value, received ${nodeText(node)}`);
}

const key = (topic: string, partition: number) => `${topic}-${partition}`;

/**
 * DeleteRecordsCommand.parseOffsetJsonStringWithoutDedup + its duplicate check: the partitions
 * to delete from, in the iteration order of the map Admin.deleteRecords returns.
 */
export function parseOffsetJson(text: string): RecordsToDelete[] {
  let root: Json;
  try {
    root = JSON.parse(text) as Json;
  } catch {
    throw new OffsetJsonError('The input string is not a valid JSON');
  }
  const object = asObject(root);
  const version = Object.hasOwn(object, 'version') ? decodeInt(object.version!) : 1;
  if (version !== 1) throw new OffsetJsonError(`Not supported version field value ${version}`);
  if (!Object.hasOwn(object, 'partitions')) throw new OffsetJsonError('Missing partitions field');
  const partitions = object.partitions!;
  if (!Array.isArray(partitions)) throw new OffsetJsonError(`Expected JSON array, received ${nodeText(partitions)}`);

  const byPartition = new Map<string, { topic: string; partition: number; offsets: bigint[] }>();
  for (const element of partitions) {
    const p = asObject(element);
    const topic = decodeString(field(p, 'topic'));
    const partition = decodeInt(field(p, 'partition'));
    const offset = decodeLong(field(p, 'offset'));
    const entry = byPartition.get(key(topic, partition));
    if (entry === undefined) byPartition.set(key(topic, partition), { topic, partition, offsets: [offset] });
    else entry.offsets.push(offset);
  }

  const hash = (e: { topic: string; partition: number }) => topicPartitionHashCode(e.topic, e.partition);
  const entries = [...byPartition.values()];
  // offsetSeq: a HashMap filled in file order.
  const parsed = iterationOrderBy(entries, hash, capacityAfterPuts(16, entries.length));
  const duplicates = parsed.filter((e) => e.offsets.length > 1);
  if (duplicates.length > 0) {
    const inSet = iterationOrderBy(duplicates, hash, capacityAfterPuts(16, duplicates.length));
    throw new OffsetJsonError(`Offset json file contains duplicate topic partitions: ${inSet.map((e) => key(e.topic, e.partition)).join(',')}`);
  }
  // recordsToDelete (HashMap) -> new HashSet<>(keySet) -> Collectors.toMap: the result's order.
  const n = parsed.length;
  const inHashSet = iterationOrderBy(parsed, hash, capacityAfterPuts(Math.max(Math.floor(n / 0.75) + 1, 16), n));
  const result = iterationOrderBy(inHashSet, hash, capacityAfterPuts(16, n));
  return result.map((e) => ({ topic: e.topic, partition: e.partition, offset: e.offsets[0]! }));
}
