// Values kafka-consumer-groups parses from its options: --state / --type filter lists and the
// `topic:p1,p2` form of --topic. Failures are Kafka's IllegalArgumentExceptions, which the tool
// reports as usage errors (message + option table, exit 1).
import { parseJavaInteger } from '../../java-compat/jopt.js';
import { UsageError } from '../../cli/tool.js';
import type { TopicPartition } from './order.js';

/** ConsumerGroupState names (without Unknown), in enum order: Kafka's "valid states" list. */
export const GROUP_STATES = ['PreparingRebalance', 'CompletingRebalance', 'Stable', 'Dead', 'Empty', 'Assigning', 'Reconciling'] as const;
/** GroupType names (without Unknown), in enum order. */
export const GROUP_TYPES = ['Consumer', 'Classic', 'Share'] as const;

/** Java's String.split(literal): trailing empty strings are dropped; no match keeps the input. */
export function javaSplit(text: string, separator: string): string[] {
  if (!text.includes(separator)) return [text];
  const parts = text.split(separator);
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** consumerGroupStatesFromString: case-insensitive names, canonical spelling out. */
export function parseStateFilter(input: string): string[] {
  const parsed = new Set(javaSplit(input, ',').map((s) => GROUP_STATES.find((state) => state.toUpperCase() === s.trim().toUpperCase())));
  if (parsed.has(undefined)) throw new UsageError(`Invalid state list '${input}'. Valid states are: ${GROUP_STATES.join(', ')}`);
  return [...parsed] as string[];
}

/** consumerGroupTypesFromString: case-insensitive names, canonical spelling out. */
export function parseTypeFilter(input: string): string[] {
  const parsed = new Set(javaSplit(input.toLowerCase(), ',').map((s) => GROUP_TYPES.find((type) => type.toLowerCase() === s.trim())));
  if (parsed.has(undefined)) throw new UsageError(`Invalid types list '${input}'. Valid types are: ${GROUP_TYPES.join(', ')}`);
  return [...parsed] as string[];
}

const INT_MIN = -2147483648n;
const INT_MAX = 2147483647n;

/** parseTopicsWithPartitions: `topic:0,1,2` to its partitions. */
export function parseTopicWithPartitions(topicArg: string): TopicPartition[] {
  const parts = javaSplit(topicArg, ':');
  if (parts.length !== 2) throw new UsageError(`Invalid topic arg '${topicArg}', expected topic name and partitions`);
  const topic = parts[0]!;
  return javaSplit(parts[1]!, ',').map((p) => {
    const partition = parseJavaInteger(p, INT_MIN, INT_MAX);
    if (partition === undefined) throw new UsageError(`Invalid partition '${p}' specified in topic arg '${topicArg}''`);
    return { topic, partition };
  });
}

/** --topic values split into explicit partitions and whole topics (to be looked up). */
export function splitTopicArgs(topicArgs: readonly string[]): { partitions: TopicPartition[]; wholeTopics: string[] } {
  const partitions: TopicPartition[] = [];
  const wholeTopics: string[] = [];
  for (const arg of topicArgs) {
    if (arg.includes(':')) partitions.push(...parseTopicWithPartitions(arg));
    else wholeTopics.push(arg);
  }
  return { partitions, wholeTopics };
}
