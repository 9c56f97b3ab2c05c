// kt configs = kafka-configs.sh (ConfigCommand): describe or alter the dynamic configs of topics,
// brokers, broker loggers, client-metrics and groups; users/clients/ips are quotas (see
// configs-quotas.ts). Errors: jopt, IllegalArgument- and InvalidConfiguration-style failures
// print their message on stderr (exit 1); anything else prints
// `Error while executing config command with args '<args>'` and the exception (exit 1).
import { wantsJson, writeJson } from '../../cli/json.js';
import { describedConfig, type ConfigsDescribeResult, type DescribedEntity } from './result.js';
import type { AdminClient } from '../../client/admin-client.js';
import { connectionSettings } from '../../client/config.js';
import { adminToolProperties } from '../../cli/client-config.js';
import type { ConfigEntry, ConfigsAdmin } from './admin.js';
import { parseConfigsToBeAdded, parseConfigsToBeDeleted } from './add-config.js';
import { BROKER_LOGGERS, CONFIGS_OPTIONS, ConfigsArgumentError, checkConfigsArgs, type ConfigsCommand } from './options.js';
import { OptionError, parseArgs, parseJavaInteger, type ParsedOptions } from '../../java-compat/jopt.js';
import { UsageError, VersionRequested, isVerbose } from '../../cli/tool.js';

const ZOOKEEPER_HINT = 'kt has no ZooKeeper mode (neither has Kafka 4): use --bootstrap-server <host:port> to reach the cluster.';

export async function runConfigs(argv: readonly string[]): Promise<number> {
  let client: AdminClient | undefined;
  try {
    const options = parseArgs(argv, CONFIGS_OPTIONS);
    const command = await checkConfigsArgs(options, argv);
    if (options.has('zookeeper')) throw new ConfigsArgumentError(ZOOKEEPER_HINT);
    // CommandLineUtils.initializeBootstrapProperties: kt's broker answers both kinds of bootstrap.
    const props = adminToolProperties(options, options.has('bootstrap-server') ? 'bootstrap-server' : 'bootstrap-controller');
    const settings = connectionSettings(props, { clientId: 'adminclient-1', requestTimeoutMs: 30_000 });
    if (command.action === 'alter' && command.entityTypes.length !== command.entityNames.length) {
      throw new ConfigsArgumentError('An entity name must be specified for every entity type');
    }
    // Admin.create does not connect: alter's arguments are parsed before the cluster is reached.
    const changes = command.action === 'alter' ? parseChanges(options) : undefined;
    const [{ AdminClient }, { ConfigsAdmin }] = await Promise.all([import('../../client/admin-client.js'), import('./admin.js')]);
    client = await AdminClient.connect(settings);
    const admin = new ConfigsAdmin(client);
    if (changes !== undefined) await alterConfig(admin, command, changes);
    else await describeConfig(admin, options, command);
    return 0;
  } catch (e) {
    if (e instanceof UsageError || e instanceof VersionRequested) throw e;
    if (e instanceof OptionError || e instanceof ConfigsArgumentError) {
      process.stderr.write(`${e.message}\n`);
      return 1;
    }
    process.stderr.write(`Error while executing config command with args '${argv.join(' ')}'\n`);
    // Java prints the stack trace; its first line is the exception itself.
    const verbose = isVerbose(argv) && e instanceof Error && e.stack !== undefined;
    process.stderr.write(`${verbose ? (e as Error).stack! : e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  } finally {
    client?.close();
  }
}

const RESOURCE_TYPES: Readonly<Record<string, number>> = { topics: 2, brokers: 4, [BROKER_LOGGERS]: 8, 'client-metrics': 16, groups: 32 };

/** The source of the entries a plain --describe shows (null: all of them). */
function dynamicSource(entityType: string, entityName: string): string | null {
  switch (entityType) {
    case 'topics':
      return 'DYNAMIC_TOPIC_CONFIG';
    case 'brokers':
      return entityName === '' ? 'DYNAMIC_DEFAULT_BROKER_CONFIG' : 'DYNAMIC_BROKER_CONFIG';
    case 'client-metrics':
      return 'DYNAMIC_CLIENT_METRICS_CONFIG';
    case 'groups':
      return 'DYNAMIC_GROUP_CONFIG';
    default:
      return null;
  }
}

/** ConfigCommand.getResourceConfig: the entity's entries (only dynamic ones unless describeAll), sorted by name. */
async function getResourceConfig(admin: ConfigsAdmin, entityType: string, entityName: string, includeSynonyms: boolean, describeAll: boolean): Promise<ConfigEntry[]> {
  if (entityType === 'topics' && entityName !== '') {
    const { invalidTopicNameReason } = await import('../../broker/metadata/topic-registry.js');
    const reason = invalidTopicNameReason(entityName);
    if (reason !== null) throw new Error(`org.apache.kafka.common.errors.InvalidTopicException: Topic name is invalid: ${reason}`);
  }
  if ((entityType === 'brokers' && entityName !== '') || (entityType === BROKER_LOGGERS && entityName !== '')) {
    if (parseJavaInteger(entityName, -2147483648n, 2147483647n) === undefined) throw new ConfigsArgumentError(`The entity name for ${entityType} must be a valid integer broker id, found: ${entityName}`);
  }
  const source = describeAll ? null : dynamicSource(entityType, entityName);
  const entries = await admin.describeConfigs(RESOURCE_TYPES[entityType]!, entityName, includeSynonyms);
  return entries.filter((e) => source === null || e.source === source).sort((a, b) => compareJavaStrings(a.name, b.name));
}

async function describeConfig(admin: ConfigsAdmin, options: ParsedOptions, command: ConfigsCommand): Promise<void> {
  const entityType = command.entityTypes[0]!;
  const json = wantsJson(options);
  if (entityType === 'users' || entityType === 'clients' || entityType === 'ips') {
    const [{ describeQuotaEntities, quotasText }, { scramCredentialsText }] = await Promise.all([import('./quotas.js'), import('./scram.js')]);
    const result = await describeQuotaEntities(admin, command, (quotas) => {
      if (!json) process.stdout.write(quotasText(quotas));
    });
    if (json) writeJson(result);
    else process.stdout.write(result.scramCredentials.map(scramCredentialsText).join(''));
    return;
  }
  const describeAll = options.has('all');
  const given = command.entityNames[0];
  const entities = given !== undefined ? [given] : await allEntities(admin, entityType);
  if (json) {
    const described: DescribedEntity[] = [];
    for (const entity of entities) {
      const entries = await getResourceConfig(admin, entityType, entity, true, describeAll);
      described.push({ name: entity === '' ? null : entity, configs: entries.map(describedConfig) });
    }
    const result: ConfigsDescribeResult = { entityType, entities: described };
    writeJson(result);
    return;
  }
  for (const entity of entities) {
    const header =
      entity === ''
        ? `Default configs for ${entityType} in the cluster are:`
        : `${describeAll ? 'All' : 'Dynamic'} configs for ${entityType.slice(0, -1)} ${entity} are:`;
    process.stdout.write(`${header}\n`);
    const entries = await getResourceConfig(admin, entityType, entity, true, describeAll);
    process.stdout.write(entries.map((e) => `${entryLine(e)}\n`).join(''));
  }
}

/** `  name=value sensitive=false synonyms={SOURCE:name=value, ...}`; a sensitive value prints as null. */
export function entryLine(e: ConfigEntry): string {
  const synonyms = e.synonyms.map((s) => `${s.source}:${s.name}=${s.value}`).join(', ');
  return `  ${e.name}=${e.value} sensitive=${e.isSensitive} synonyms={${synonyms}}`;
}

/** Every entity of the type when no name was given (brokers: each id, then the cluster default). */
async function allEntities(admin: ConfigsAdmin, entityType: string): Promise<string[]> {
  switch (entityType) {
    case 'topics':
      return await admin.topicNames();
    case 'brokers':
    case BROKER_LOGGERS:
      return [...(await admin.brokerIds()), ''];
    case 'client-metrics':
      return await admin.clientMetricsNames();
    case 'groups':
      return await admin.groupIds();
    default:
      throw new ConfigsArgumentError(`Invalid entity type: ${entityType}`);
  }
}

interface ConfigChanges {
  readonly toAdd: ReadonlyMap<string, string>;
  readonly toDelete: readonly string[];
}

function parseChanges(options: ParsedOptions): ConfigChanges {
  const { configs: toAdd, warnings } = parseConfigsToBeAdded(options);
  for (const w of warnings) process.stdout.write(`${w}\n`);
  return { toAdd, toDelete: parseConfigsToBeDeleted(options) };
}

async function alterConfig(admin: ConfigsAdmin, command: ConfigsCommand, { toAdd, toDelete }: ConfigChanges): Promise<void> {
  const entityType = command.entityTypes[0]!;
  const entityName = command.entityNames[0]!;

  switch (entityType) {
    case 'topics':
    case 'client-metrics':
    case 'groups':
      await alterResourceConfig(admin, entityType, entityName, toAdd, toDelete);
      break;
    case 'brokers':
      await alterBrokerConfig(admin, entityName, toAdd, toDelete);
      break;
    case BROKER_LOGGERS:
      await alterBrokerLoggers(admin, entityName, toAdd, toDelete);
      break;
    case 'users':
    case 'clients':
    case 'ips': {
      const { alterQuotaEntities } = await import('./quotas.js');
      await alterQuotaEntities(admin, command, toAdd, toDelete);
      break;
    }
    default:
      throw new ConfigsArgumentError(`Unsupported entity type: ${entityType}`);
  }
  process.stdout.write(
    entityName !== '' ? `Completed updating config for ${entityType.slice(0, -1)} ${entityName}.\n` : `Completed updating default config for ${entityType} in the cluster.\n`,
  );
}

/** Keys to delete must currently be set dynamically on the entity. */
function checkDeletable(current: ReadonlySet<string>, toDelete: readonly string[]): void {
  const invalid = toDelete.filter((k) => !current.has(k));
  if (invalid.length > 0) throw new ConfigsArgumentError(`Invalid config(s): ${invalid.join(',')}`);
}

/** topics, client-metrics, groups: IncrementalAlterConfigs with SET and DELETE operations. */
async function alterResourceConfig(admin: ConfigsAdmin, entityType: string, entityName: string, toAdd: ReadonlyMap<string, string>, toDelete: readonly string[]): Promise<void> {
  const current = await getResourceConfig(admin, entityType, entityName, false, false);
  checkDeletable(new Set(current.map((e) => e.name)), toDelete);
  await admin.incrementalAlterConfigs(RESOURCE_TYPES[entityType]!, entityName, [
    ...[...toAdd].map(([name, value]) => ({ name, op: 'SET' as const, value })),
    ...toDelete.map((name) => ({ name, op: 'DELETE' as const })),
  ]);
}

/** brokers: the legacy AlterConfigs with the whole new dynamic set (sensitive values must be resent). */
async function alterBrokerConfig(admin: ConfigsAdmin, entityName: string, toAdd: ReadonlyMap<string, string>, toDelete: readonly string[]): Promise<void> {
  const current = await getResourceConfig(admin, 'brokers', entityName, false, false);
  checkDeletable(new Set(current.map((e) => e.name)), toDelete);
  const next = new Map<string, string | null>(current.map((e) => [e.name, e.value]));
  for (const [k, v] of toAdd) next.set(k, v);
  for (const k of toDelete) next.delete(k);
  const missing = [...next].filter(([, v]) => v === null).map(([k]) => k);
  if (missing.length > 0) {
    throw new ConfigsArgumentError(`All sensitive broker config entries must be specified for --alter, missing entries: Set(${missing.join(', ')})`);
  }
  const { ResourceType } = await import('./admin.js');
  await admin.alterConfigs(ResourceType.BROKER, entityName, [...next].map(([name, value]) => ({ name, value })));
}

/** broker-loggers: only existing loggers may be set or deleted. */
async function alterBrokerLoggers(admin: ConfigsAdmin, entityName: string, toAdd: ReadonlyMap<string, string>, toDelete: readonly string[]): Promise<void> {
  const loggers = new Set((await getResourceConfig(admin, BROKER_LOGGERS, entityName, true, false)).map((e) => e.name));
  const invalid = [...toDelete.filter((l) => !loggers.has(l)), ...[...toAdd.keys()].filter((l) => !loggers.has(l))];
  if (invalid.length > 0) throw new ConfigsArgumentError(`Invalid broker logger(s): ${invalid.join(',')}`);
  const { ResourceType } = await import('./admin.js');
  await admin.incrementalAlterConfigs(ResourceType.BROKER_LOGGER, entityName, [
    ...[...toAdd].map(([name, value]) => ({ name, op: 'SET' as const, value })),
    ...toDelete.map((name) => ({ name, op: 'DELETE' as const })),
  ]);
}

/** Java's String.compareTo: UTF-16 code unit order. */
function compareJavaStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
