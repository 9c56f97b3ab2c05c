// AlterConfigs and IncrementalAlterConfigs for one resource, as Kafka's broker (ConfigAdminManager
// preprocessing) and controller (ConfigurationControlManager + ControllerConfigurationValidator)
// do it together: compute the resource's new complete set of dynamic configs, validate it, store it.
import { ErrorCode, KafkaError } from '../../protocol/errors.js';
import type { Broker } from '../broker.js';
import { BROKER_CONFIG_KEYS } from '../config.js';
import { invalidTopicNameReason } from '../metadata/topic-registry.js';
import { effectiveTopicConfig, TOPIC_CONFIGS } from '../topic-configs.js';
import { CLIENT_METRICS_KEYS, invalidClientMetricsReason } from './client-metrics.js';
import { invalidBrokerConfigsReason } from './dynamic-broker-configs.js';
import { parseBrokerId, ResourceType, type ResourceResult } from './resources.js';
import { invalidValueReason } from './values.js';

export const OpType = { Set: 0, Delete: 1, Append: 2, Subtract: 3 } as const;
const OP_NAMES = ['SET', 'DELETE', 'APPEND', 'SUBTRACT'];

export interface ConfigOp {
  readonly name: string;
  readonly configOperation: number;
  readonly value: string | null;
}

type Configs = Record<string, string>;

const OK: ResourceResult = { errorCode: ErrorCode.NONE, errorMessage: null };
const fail = (errorCode: number, errorMessage: string | null): ResourceResult => ({ errorCode, errorMessage });

/** IncrementalAlterConfigs of one resource (duplicate resources are the caller's check). */
export function incrementalAlterConfigs(broker: Broker, type: number, name: string, ops: readonly ConfigOp[], validateOnly: boolean): ResourceResult {
  const common = commonChecks(ops.map((o) => o.name), ops.filter((o) => o.configOperation !== OpType.Delete && o.value === null).map((o) => o.name));
  if (common) return common;
  switch (type) {
    case ResourceType.Topic: {
      const next = applyOps(broker.topics.get(name)?.configs ?? {}, ops, topicListDefault, (op, key) =>
        fail(ErrorCode.INVALID_CONFIG, `Can't ${OP_NAMES[op]} to key ${key} because its type is not LIST.`),
      );
      return 'error' in next ? next.error : changeTopic(broker, name, next.configs, validateOnly);
    }
    case ResourceType.Broker: {
      const nameError = brokerNameError(broker, name);
      if (nameError) return nameError;
      const next = applyOps(broker.topics.brokerConfigs(storageName(broker, name)), ops, brokerListDefault, (op, key) =>
        // Kafka looks the key up without a guard, so an unknown key fails as an internal error.
        Object.hasOwn(BROKER_CONFIG_KEYS, key)
          ? fail(ErrorCode.INVALID_CONFIG, `Config value ${op === OpType.Append ? 'append' : 'subtract'} is not allowed for config key: ${key}`)
          : fail(ErrorCode.UNKNOWN_SERVER_ERROR, null),
      );
      return 'error' in next ? next.error : changeBroker(broker, name, next.configs, validateOnly);
    }
    case ResourceType.BrokerLogger:
      return alterBrokerLoggers(broker, name, ops);
    case ResourceType.ClientMetrics: {
      const next = applyOps(broker.topics.clientMetrics(name), ops, clientMetricsListDefault, (op, key) =>
        fail(ErrorCode.INVALID_CONFIG, `Can't ${OP_NAMES[op]} to key ${key} because its type is not LIST.`),
      );
      return 'error' in next ? next.error : changeClientMetrics(broker, name, next.configs, validateOnly);
    }
    default:
      return unknownResourceType(type);
  }
}

/** Legacy AlterConfigs of one resource: the given configs replace all of its dynamic configs. */
export function legacyAlterConfigs(broker: Broker, type: number, name: string, configs: ReadonlyArray<{ name: string; value: string | null }>, validateOnly: boolean): ResourceResult {
  const common = commonChecks(configs.map((c) => c.name), configs.filter((c) => c.value === null).map((c) => c.name));
  if (common) return common;
  const next = Object.fromEntries(configs.map((c) => [c.name, c.value!]));
  switch (type) {
    case ResourceType.Topic:
      return changeTopic(broker, name, next, validateOnly);
    case ResourceType.Broker:
      return brokerNameError(broker, name) ?? changeBroker(broker, name, next, validateOnly);
    case ResourceType.ClientMetrics:
      return changeClientMetrics(broker, name, next, validateOnly);
    default:
      // Log levels (BROKER_LOGGER) can only be changed incrementally.
      return unknownResourceType(type);
  }
}

function commonChecks(names: readonly string[], nullValued: readonly string[]): ResourceResult | null {
  if (new Set(names).size !== names.length) return fail(ErrorCode.INVALID_REQUEST, 'Error due to duplicate config keys');
  if (nullValued.length > 0) return fail(ErrorCode.INVALID_REQUEST, `Null value not supported for : ${nullValued.join(', ')}`);
  return null;
}

function unknownResourceType(type: number): ResourceResult {
  return fail(ErrorCode.INVALID_REQUEST, `Unknown resource type ${type}`);
}

/**
 * Applies SET / DELETE / APPEND / SUBTRACT in order. List operations start from the current value,
 * else the key's default, and treat it as comma-separated items (APPEND skips items present,
 * SUBTRACT removes one occurrence of each).
 */
function applyOps(
  current: Readonly<Configs>,
  ops: readonly ConfigOp[],
  listDefault: (key: string) => string | null | undefined,
  notAList: (op: number, key: string) => ResourceResult,
): { configs: Configs } | { error: ResourceResult } {
  // A Map, so that no key (not even __proto__) is special.
  const next = new Map(Object.entries(current));
  for (const op of ops) {
    switch (op.configOperation) {
      case OpType.Set:
        next.set(op.name, op.value!);
        break;
      case OpType.Delete:
        next.delete(op.name);
        break;
      case OpType.Append:
      case OpType.Subtract: {
        const fallback = listDefault(op.name);
        if (fallback === undefined) return { error: notAList(op.configOperation, op.name) };
        const items = (next.get(op.name) ?? fallback ?? '').split(',').filter((s) => s.length > 0);
        for (const v of javaSplit(op.value!)) {
          const at = items.indexOf(v);
          if (op.configOperation === OpType.Append && at < 0) items.push(v);
          if (op.configOperation === OpType.Subtract && at >= 0) items.splice(at, 1);
        }
        next.set(op.name, items.join(','));
        break;
      }
      default:
        return { error: fail(ErrorCode.INVALID_REQUEST, `Unknown operations type ${op.configOperation}`) };
    }
  }
  return { configs: Object.fromEntries(next) };
}

/** The default of a list-typed key (null when it has none); undefined when the key is not a list. */
function topicListDefault(key: string): string | null | undefined {
  const def = TOPIC_CONFIGS[key];
  return def?.type === 'list' ? def.default : undefined;
}

function brokerListDefault(key: string): string | null | undefined {
  const def = BROKER_CONFIG_KEYS[key];
  return def?.type === 'list' ? def.default : undefined;
}

function clientMetricsListDefault(key: string): string | null | undefined {
  const def = CLIENT_METRICS_KEYS[key];
  return def?.type === 'list' ? def.default : undefined;
}

/** Java's String.split(","): trailing empty strings are dropped. */
function javaSplit(value: string): string[] {
  const parts = value.split(',');
  while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/**
 * Stores a change; one the cluster metadata could not record (a full disk) is answered with its
 * KafkaError (KAFKA_STORAGE_ERROR) for this resource alone, and nothing of it applies.
 */
function stored(change: () => void): ResourceResult {
  try {
    change();
  } catch (err) {
    if (!(err instanceof KafkaError)) throw err;
    return fail(err.code, err.message);
  }
  return OK;
}

// ------------------------------------------------------------------------------------ topics

function changeTopic(broker: Broker, name: string, next: Configs, validateOnly: boolean): ResourceResult {
  const invalid = invalidTopicChange(broker, name, next);
  if (invalid) return invalid;
  if (!broker.topics.has(name)) return fail(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `The topic '${name}' does not exist.`);
  if (!validateOnly) return stored(() => broker.alterTopicConfigs(name, next));
  return OK;
}

/** ControllerConfigurationValidator + LogConfig.validate, with the broker's values behind the topic's. */
function invalidTopicChange(broker: Broker, name: string, configs: Readonly<Configs>): ResourceResult | null {
  if (name === '') return fail(ErrorCode.INVALID_REQUEST, 'Default topic resources are not allowed.');
  const badName = invalidTopicNameReason(name);
  if (badName) return fail(ErrorCode.INVALID_TOPIC_EXCEPTION, `Topic name is invalid: ${badName}`);
  const unknown = Object.keys(configs).find((k) => !Object.hasOwn(TOPIC_CONFIGS, k));
  if (unknown !== undefined) return fail(ErrorCode.INVALID_CONFIG, `Unknown topic config name: ${unknown}`);
  for (const [key, value] of Object.entries(configs)) {
    const reason = invalidValueReason(key, value, TOPIC_CONFIGS[key]!);
    if (reason) return fail(ErrorCode.INVALID_CONFIG, reason);
  }
  const effective = (key: string) => effectiveTopicConfig(key, configs, broker.config).trim();
  const minLag = BigInt(effective('min.compaction.lag.ms'));
  const maxLag = BigInt(effective('max.compaction.lag.ms'));
  if (minLag > maxLag) {
    return fail(ErrorCode.INVALID_CONFIG, `conflict topic config setting min.compaction.lag.ms (${minLag}) > max.compaction.lag.ms (${maxLag})`);
  }
  // kt has no tiered storage, which Kafka treats as remote.log.storage.system.enable=false.
  if (effective('remote.storage.enable').toLowerCase() === 'true') {
    return fail(ErrorCode.INVALID_CONFIG, 'Tiered Storage functionality is disabled in the broker. Topic cannot be configured with remote log storage.');
  }
  return null;
}

// ------------------------------------------------------------------------------------ brokers

/** A broker resource is this node ("1") or the cluster default (""). */
function brokerNameError(broker: Broker, name: string): ResourceResult | null {
  if (name === '') return null;
  const id = parseBrokerId(name);
  if (id === null) return fail(ErrorCode.INVALID_REQUEST, `Node id must be an integer, but it is: ${name}`);
  if (id !== broker.nodeId) return fail(ErrorCode.INVALID_REQUEST, `Unexpected broker id, expected ${broker.nodeId}, but received ${name}`);
  return null;
}

/** Where a broker resource's configs are kept: "" for the default, the node id otherwise ("01" is node 1). */
function storageName(broker: Broker, name: string): string {
  return name === '' ? '' : String(broker.nodeId);
}

function changeBroker(broker: Broker, name: string, next: Configs, validateOnly: boolean): ResourceResult {
  const reason = invalidBrokerConfigsReason(next, name !== '');
  if (reason) return fail(ErrorCode.INVALID_REQUEST, reason);
  if (!validateOnly) return stored(() => broker.alterBrokerConfigs(storageName(broker, name), next));
  return OK;
}

// ------------------------------------------------------------------------------------ client metrics

/**
 * A subscription's complete new configs are validated, then stored durably in the cluster
 * metadata; deleting every key removes the subscription. Any name is a valid resource: altering
 * one that does not exist creates it.
 */
function changeClientMetrics(broker: Broker, name: string, next: Configs, validateOnly: boolean): ResourceResult {
  const invalid = invalidClientMetricsReason(name, next);
  if (invalid) return invalid;
  if (!validateOnly) return stored(() => broker.topics.setClientMetrics(name, next));
  return OK;
}

// ------------------------------------------------------------------------------------ broker loggers

/**
 * Log levels (KIP-412). kt's broker has no named log4j loggers to change (DescribeConfigs lists
 * none), so every SET or DELETE names a logger that does not exist.
 */
function alterBrokerLoggers(broker: Broker, name: string, ops: readonly ConfigOp[]): ResourceResult {
  const id = parseBrokerId(name);
  if (id === null) return fail(ErrorCode.INVALID_REQUEST, `Node id must be an integer, but it is: ${name}`);
  // Kafka's message quotes its own node id twice (RuntimeLoggerManager.validateResourceNameIsNodeId).
  if (id !== broker.nodeId) return fail(ErrorCode.INVALID_REQUEST, `Unexpected node id. Expected ${broker.nodeId}, but received ${broker.nodeId}`);
  for (const op of ops) {
    switch (op.configOperation) {
      case OpType.Set:
      case OpType.Delete:
        return fail(ErrorCode.INVALID_CONFIG, `Logger ${op.name} does not exist!`);
      case OpType.Append:
      case OpType.Subtract:
        return fail(ErrorCode.INVALID_REQUEST, `${OP_NAMES[op.configOperation]} operation is not allowed for the BROKER_LOGGER resource`);
      default:
        return fail(ErrorCode.INVALID_REQUEST, `Unknown operation type ${op.configOperation} is not allowed for the BROKER_LOGGER resource`);
    }
  }
  return OK;
}
