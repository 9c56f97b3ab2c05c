// Pure parsing of kafka-topics' values, with TopicCommand's messages: --replica-assignment,
// --config, --topic-id, and the '.'/'_' collision warning.
import { TOPIC_CONFIGS, validateTopicConfig } from '../../broker/topic-configs.js';
import { javaSplit } from '../../java-compat/java-regex.js';

/** An error TopicCommand reports through its "Error while executing topic command" path. */
export class TopicCommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TopicCommandError';
  }
}

export const COLLISION_WARNING =
  "WARNING: Due to limitations in metric names, topics with a period ('.') or underscore ('_') could collide. To avoid issues it is best to use either, but not both.";

/** Topic.hasCollisionChars: the name contains '.' or '_'. */
export function hasCollisionChars(topic: string): boolean {
  return topic.includes('.') || topic.includes('_');
}

/** Java's Integer.parseInt, with NumberFormatException's message. */
function parseInt32(text: string): number {
  if (!/^[-+]?[0-9]+$/.test(text)) throw new TopicCommandError(`For input string: "${text}"`);
  const n = Number(text);
  if (n < -2147483648 || n > 2147483647) throw new TopicCommandError(`For input string: "${text}"`);
  return n;
}

/**
 * TopicCommand.parseReplicaAssignment: `,` separates partitions, `:` replicas. Returns partition
 * index -> broker ids in partition order.
 */
export function parseReplicaAssignment(value: string): Map<number, number[]> {
  const out = new Map<number, number[]>();
  const partitions = javaSplit(value, /,/g);
  for (let i = 0; i < partitions.length; i++) {
    const brokers = javaSplit(partitions[i]!, /:/g).map((s) => parseInt32(s.trim()));
    const seen = new Set<number>();
    const duplicates = new Set<number>();
    for (const b of brokers) (seen.has(b) ? duplicates : seen).add(b);
    if (duplicates.size > 0) {
      throw new TopicCommandError(`Partition replica lists may not contain duplicate entries: ${[...duplicates].sort((a, b) => a - b).join(',')}`);
    }
    out.set(i, brokers);
    if (brokers.length !== out.get(0)!.length) {
      throw new TopicCommandError(`Partition ${i} has different replication factor: [${brokers.join(', ')}]`);
    }
  }
  return out;
}

/**
 * TopicCommand.parseTopicConfigsToBeAdded: each `--config` is split on `\s*=\s*` and must give
 * exactly two parts; names and values are validated against the topic config schema.
 * Returns the configs and the stdout warnings Kafka prints.
 */
export function parseTopicConfigs(values: readonly string[]): { configs: Map<string, string>; warnings: string[] } {
  const pairs = values.map((v) => javaSplit(v, /\s*=\s*/g));
  if (!pairs.every((p) => p.length === 2)) {
    throw new TopicCommandError('requirement failed: Invalid topic config: all configs to be added must be in the format "key=val".');
  }
  const configs = new Map<string, string>();
  for (const [k, v] of pairs) configs.set(k!.trim(), v!.trim());
  // LogConfig.validate: unknown names first, then each value.
  for (const name of configs.keys()) {
    if (!Object.hasOwn(TOPIC_CONFIGS, name)) throw new TopicCommandError(`Unknown topic config name: ${name}`);
  }
  for (const [name, value] of configs) {
    const error = validateTopicConfig(name, value);
    if (error !== null) throw new TopicCommandError(error);
  }
  const minLag = configs.get('min.compaction.lag.ms');
  const maxLag = configs.get('max.compaction.lag.ms');
  if (minLag !== undefined && maxLag !== undefined && BigInt(minLag) > BigInt(maxLag)) {
    throw new TopicCommandError(`conflict topic config setting min.compaction.lag.ms (${minLag}) > max.compaction.lag.ms (${maxLag})`);
  }
  const warnings: string[] = [];
  if (configs.has('message.format.version')) {
    // Kafka 4.0's TopicCommand prints this text with the placeholders left unexpanded.
    warnings.push(
      'WARNING: The configuration ${TopicConfig.MESSAGE_FORMAT_VERSION_CONFIG}=${props.getProperty(TopicConfig.MESSAGE_FORMAT_VERSION_CONFIG)} is specified. ' +
        'This configuration will be ignored if the version is newer than the inter.broker.protocol.version specified in the broker or ' +
        'if the inter.broker.protocol.version is 3.0 or newer. This configuration is deprecated and it will be removed in Apache Kafka 4.0.',
    );
  }
  return { configs, warnings };
}

/** Uuid.fromString: 22-character URL-safe base64 of 16 bytes, with Kafka's messages. */
export function parseTopicId(text: string): string {
  if (text.length > 24) {
    throw new TopicCommandError(`Input string with prefix \`${text.slice(0, 24)}\` is too long to be decoded as a base64 UUID`);
  }
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(text)) {
    const bad = [...text].find((c) => !/[A-Za-z0-9_=-]/.test(c)) ?? '=';
    throw new TopicCommandError(`Illegal base64 character ${bad.charCodeAt(0).toString(16)}`);
  }
  const bytes = Buffer.from(text, 'base64url');
  if (bytes.length !== 16) {
    throw new TopicCommandError(`Input string \`${text}\` decoded as ${bytes.length} bytes, which is not equal to the expected 16 bytes of a base64-encoded UUID`);
  }
  return bytes.toString('base64url');
}
