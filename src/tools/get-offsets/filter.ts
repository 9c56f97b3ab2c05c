// GetOffsetShell's input: which topic-partitions (--topic-partitions rules, or --topic and
// --partitions) and which offset (--time), with Kafka's messages for malformed values.
import { TopicIncludeList } from '../../java-compat/java-regex.js';
import { parseJavaInteger } from '../../java-compat/jopt.js';
import { GetOffsetsError } from './options.js';

const INT_MIN = -2147483648n;
const INT_MAX = 2147483647n;
const LONG_MIN = -9223372036854775808n;
const LONG_MAX = 9223372036854775807n;

export interface TopicPartitionFilter {
  isTopicAllowed(topic: string): boolean;
  isTopicPartitionAllowed(topic: string, partition: number): boolean;
}

type PartitionFilter = (partition: number) => boolean;

class TopicAndPartitionFilter implements TopicPartitionFilter {
  constructor(
    private readonly topics: TopicIncludeList,
    private readonly partitions: PartitionFilter,
  ) {}

  isTopicAllowed(topic: string): boolean {
    return this.topics.isTopicAllowed(topic, false);
  }

  isTopicPartitionAllowed(topic: string, partition: number): boolean {
    return this.isTopicAllowed(topic) && this.partitions(partition);
  }
}

/** Any rule may match (CompositeTopicPartitionFilter). */
class AnyRuleFilter implements TopicPartitionFilter {
  constructor(private readonly rules: readonly TopicPartitionFilter[]) {}

  isTopicAllowed(topic: string): boolean {
    return this.rules.some((r) => r.isTopicAllowed(topic));
  }

  isTopicPartitionAllowed(topic: string, partition: number): boolean {
    return this.rules.some((r) => r.isTopicPartitionAllowed(topic, partition));
  }
}

/** `topicRegex[:N | :N-M | :N- | :-M]`, matched against the whole rule. */
const RULE = /^([^:,]*)(?::(?:([0-9]*)|(?:([0-9]*)-([0-9]*))))?$/;

/** Java's Integer.parseInt on a rule's digits: overflow escapes as a NumberFormatException. */
function ruleInt(digits: string): number {
  const n = parseJavaInteger(digits, INT_MIN, INT_MAX);
  if (n === undefined) throw new Error(`For input string: "${digits}"`);
  return n;
}

function parseRule(rule: string): TopicPartitionFilter {
  const m = RULE.exec(rule);
  // Java wraps this TerseException in a RuntimeException, whose message names the class.
  if (m === null) throw new Error(`org.apache.kafka.tools.TerseException: Invalid rule specification: ${rule}`);
  const group = (i: number) => (m[i] === undefined || m[i] === '' ? undefined : m[i]);
  const topics = new TopicIncludeList(group(1) ?? '.*');
  if (group(2) !== undefined) {
    const only = ruleInt(group(2)!);
    return new TopicAndPartitionFilter(topics, (p) => p === only);
  }
  const lower = group(3) === undefined ? 0 : ruleInt(group(3)!);
  const upper = group(4) === undefined ? Number(INT_MAX) : ruleInt(group(4)!);
  return new TopicAndPartitionFilter(topics, (p) => p >= lower && p < upper);
}

/** --topic-partitions: comma-separated rules (Java's split drops trailing empty rules). */
export function filterFromRules(topicPartitions: string): TopicPartitionFilter {
  const rules = topicPartitions.split(',');
  if (topicPartitions !== '') while (rules.length > 0 && rules[rules.length - 1] === '') rules.pop();
  return new AnyRuleFilter(rules.map(parseRule));
}

/** --topic (default: every topic) and --partitions (default: every partition). */
export function filterFromTopicAndPartitions(topic: string | undefined, partitions: string | undefined): TopicPartitionFilter {
  const topics = new TopicIncludeList(topic ?? '.*');
  const ids = new Set<number>();
  if (partitions !== undefined && partitions !== '') {
    const parts = partitions.split(',');
    while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
    for (const part of parts) {
      const id = parseJavaInteger(part, INT_MIN, INT_MAX);
      if (id === undefined) {
        throw new GetOffsetsError(`--partitions expects a comma separated list of numeric partition ids, but received: ${partitions}`);
      }
      ids.add(id);
    }
  }
  return new TopicAndPartitionFilter(topics, (p) => ids.size === 0 || ids.has(p));
}

/** The ListOffsets timestamp of each named offset spec (OffsetSpec); names are case-sensitive. */
export const OFFSET_SPEC_TIMESTAMPS: ReadonlyMap<string, bigint> = new Map([
  ['latest', -1n],
  ['earliest', -2n],
  ['max-timestamp', -3n],
  ['earliest-local', -4n],
  ['latest-tiered', -5n],
]);

/** GetOffsetShell.parseOffsetSpec: the timestamp ListOffsets is asked for. */
export function parseTimeSpec(time: string): bigint {
  const named = OFFSET_SPEC_TIMESTAMPS.get(time);
  if (named !== undefined) return named;
  if (!/^[-+]?[0-9]+$/.test(time) || BigInt(time) < LONG_MIN || BigInt(time) > LONG_MAX) {
    throw new GetOffsetsError(
      `Malformed time argument ${time}. Please use -1 or latest / -2 or earliest / -3 or max-timestamp / -4 or earliest-local / -5 or latest-tiered, or a specified long format timestamp`,
    );
  }
  return BigInt(time);
}
