// kafka-configs for users, clients and ips: client quotas (DescribeClientQuotas /
// AlterClientQuotas) and, for users, SCRAM credentials (configs-scram.ts). A broker without
// these APIs (kt's own) fails the command the way Java's Admin client does:
// `java.util.concurrent.ExecutionException: org.apache.kafka.common.errors.UnsupportedVersionException: The node does not support DESCRIBE_CLIENT_QUOTAS`.
import { ApiKey } from '../../protocol/api.js';
import { ErrorCode } from '../../protocol/errors.js';
import { AdminFutureError, adminCall, type ConfigsAdmin } from './admin.js';
import { ConfigsArgumentError, type ConfigsCommand } from './options.js';
import { alterUserScramCredentials, describeUserScramCredentials, isScramMechanism, type ScramCredentialsResult } from './scram.js';
import { capacityAfterPuts, iterationOrder, iterationOrderBy, javaStringHash } from '../../java-compat/java-hash-order.js';
import { javaDoubleToString } from '../../java-compat/java-format.js';
import { javaExceptionText } from '../../java-compat/java-exceptions.js';

/** ClientQuotaEntity's entity type for each --entity-type. */
const QUOTA_ENTITY_TYPES: Readonly<Record<string, string>> = { users: 'user', clients: 'client-id', ips: 'ip' };
const CLIENT_QUOTA_KEYS = new Set(['producer_byte_rate', 'consumer_byte_rate', 'request_percentage', 'controller_mutation_rate']);
const IP_QUOTA_KEYS = new Set(['connection_creation_rate']);

const MATCH_EXACT = 0;
const MATCH_DEFAULT = 1;
const MATCH_SPECIFIED = 2;

/** ClientQuotaEntity: entity type -> name (null: the default entity). */
type QuotaEntity = ReadonlyMap<string, string | null>;

interface QuotaEntry {
  readonly entity: QuotaEntity;
  /** Keys in the order Java's HashMap iterates them. */
  readonly values: ReadonlyArray<readonly [string, number]>;
}

/** ClientQuotaEntity.hashCode(): Objects.hash(entries), entries being a HashMap<String, String>. */
function entityHashCode(entity: QuotaEntity): number {
  let h = 0;
  for (const [k, v] of entity) h = (h + (javaStringHash(k) ^ (v === null ? 0 : javaStringHash(v)))) | 0;
  return (31 + h) | 0;
}

/** getAllClientQuotasConfigs: the filter pairs each type with its name (missing: any entity of the type). */
async function describeClientQuotas(admin: ConfigsAdmin, types: readonly string[], names: readonly string[]): Promise<QuotaEntry[]> {
  if (names.length > types.length) throw new ConfigsArgumentError('More entity names specified than entity types');
  const components = types.map((type, i) => {
    const entityType = QUOTA_ENTITY_TYPES[type];
    if (entityType === undefined) throw new ConfigsArgumentError(`Unexpected entity type ${type}`);
    const name = names[i];
    if (name === undefined) return { entityType, matchType: MATCH_SPECIFIED, match: null };
    return name === '' ? { entityType, matchType: MATCH_DEFAULT, match: null } : { entityType, matchType: MATCH_EXACT, match: name };
  });
  admin.requireApi(admin.client, ApiKey.DescribeClientQuotas);
  const response = await adminCall(() => admin.client.send(ApiKey.DescribeClientQuotas, { components, strict: true }));
  if (response.errorCode !== ErrorCode.NONE) throw new AdminFutureError(javaExceptionText(response.errorCode, response.errorMessage));
  const entries = (response.entries ?? []).map((e) => {
    const keys = iterationOrder(
      e.values.map((v) => v.key),
      capacityAfterPuts(e.values.length, e.values.length),
    );
    return {
      entity: new Map(e.entity.map((x) => [x.entityType, x.entityName] as const)),
      values: keys.map((k) => [k, e.values.find((v) => v.key === k)!.value] as const),
    };
  });
  return iterationOrderBy(entries, (e) => entityHashCode(e.entity), capacityAfterPuts(entries.length, entries.length));
}

/** `user-principal 'u', client-id 'c'` / `the default user-principal`. */
function entityText(entity: QuotaEntity): string {
  const parts: string[] = [];
  for (const [type, label] of [
    ['user', 'user-principal'],
    ['client-id', 'client-id'],
    ['ip', 'ip'],
  ] as const) {
    if (!entity.has(type)) continue;
    const name = entity.get(type);
    parts.push(name === null || name === undefined ? `the default ${label}` : `${label} '${name}'`);
  }
  return parts.join(', ');
}

/** `kt configs --describe` of users, clients or ips: what the text lists and `--json` prints. */
export interface QuotasDescribeResult {
  /** The --entity-type values given (users, clients, ips). */
  readonly entityTypes: readonly string[];
  /** In the text's order (Java's HashMap order). */
  readonly quotas: readonly DescribedQuota[];
  /** SCRAM credentials, described for users alone (not with clients, not for the default user); else empty. */
  readonly scramCredentials: readonly ScramCredentialsResult[];
}

export interface DescribedQuota {
  /** Entity type (`user`, `client-id`, `ip`) -> name; null names the default entity. */
  readonly entity: Readonly<Record<string, string | null>>;
  /** Quota key -> value, in the text's order. */
  readonly values: Readonly<Record<string, number>>;
}

/**
 * --describe of users, clients, ips. `beforeScram` receives the quotas before the SCRAM
 * credentials are asked for: Kafka's ConfigCommand prints the quota lines first, so they appear
 * even when a broker then fails DescribeUserScramCredentials.
 */
export async function describeQuotaEntities(
  admin: ConfigsAdmin,
  command: ConfigsCommand,
  beforeScram: (quotas: readonly DescribedQuota[]) => void = () => {},
): Promise<QuotasDescribeResult> {
  const { entityTypes: types, entityNames: names } = command;
  const quotas = (await describeClientQuotas(admin, types, names)).map((entry) => ({
    entity: Object.fromEntries(entry.entity),
    values: Object.fromEntries(entry.values),
  }));
  beforeScram(quotas);
  const withScram = types[0] !== 'ips' && !types.includes('clients') && !names.includes('');
  return { entityTypes: types, quotas, scramCredentials: withScram ? await describeUserScramCredentials(admin, names) : [] };
}

/** `Quota configs for user-principal 'u' are producer_byte_rate=1024.0`, one line per entity. */
export function quotasText(quotas: readonly DescribedQuota[]): string {
  return quotas
    .map((quota) => {
      const values = Object.entries(quota.values).map(([k, v]) => `${k}=${javaDoubleToString(v)}`).join(', ');
      return `Quota configs for ${entityText(new Map(Object.entries(quota.entity)))} are ${values}\n`;
    })
    .join('');
}

/** Scala's Set/Seq toString for the messages below. */
const scalaSet = (items: readonly string[]) => `Set(${items.join(', ')})`;
const scalaBuffer = (items: readonly string[]) => `ArrayBuffer(${items.join(', ')})`;

/** --alter of users, clients, ips: quota changes, or SCRAM credentials for one user. */
export async function alterQuotaEntities(admin: ConfigsAdmin, command: ConfigsCommand, toAdd: ReadonlyMap<string, string>, toDelete: readonly string[]): Promise<void> {
  const { entityTypes: types, entityNames: names } = command;
  const added = [...toAdd.keys()];
  if (types[0] === 'ips') {
    const unknown = [...added, ...toDelete].filter((k) => !IP_QUOTA_KEYS.has(k));
    if (unknown.length > 0) {
      throw new ConfigsArgumentError(`Only connection quota configs can be added for 'ips' using --bootstrap-server. Unexpected config names: ${unknown.join(',')}`);
    }
    await alterClientQuotas(admin, types, names, toAdd, toDelete);
    return;
  }
  const hasQuotaToAdd = added.some((k) => CLIENT_QUOTA_KEYS.has(k));
  const hasQuotaToDelete = toDelete.some((k) => CLIENT_QUOTA_KEYS.has(k));
  const scramToAdd = added.filter(isScramMechanism);
  const scramToDelete = toDelete.filter(isScramMechanism);
  const unknownToAdd = added.filter((k) => !isScramMechanism(k) && !CLIENT_QUOTA_KEYS.has(k));
  const unknownToDelete = toDelete.filter((k) => !isScramMechanism(k) && !CLIENT_QUOTA_KEYS.has(k));
  if (types[0] === 'clients' || types.length === 2) {
    if (unknownToAdd.length > 0 || scramToAdd.length > 0) {
      throw new ConfigsArgumentError(`Only quota configs can be added for 'clients' using --bootstrap-server. Unexpected config names: ${scalaSet([...unknownToAdd, ...scramToAdd])}`);
    }
    if (unknownToDelete.length > 0 || scramToDelete.length > 0) {
      throw new ConfigsArgumentError(
        `Only quota configs can be deleted for 'clients' using --bootstrap-server. Unexpected config names: ${scalaBuffer([...unknownToDelete, ...scramToDelete])}`,
      );
    }
  } else {
    if (unknownToAdd.length > 0) {
      throw new ConfigsArgumentError(`Only quota and SCRAM credential configs can be added for 'users' using --bootstrap-server. Unexpected config names: ${scalaSet(unknownToAdd)}`);
    }
    if (unknownToDelete.length > 0) {
      throw new ConfigsArgumentError(
        `Only quota and SCRAM credential configs can be deleted for 'users' using --bootstrap-server. Unexpected config names: ${scalaBuffer(unknownToDelete)}`,
      );
    }
    if (scramToAdd.length > 0 || scramToDelete.length > 0) {
      if (names.includes('')) throw new ConfigsArgumentError('The use of --entity-default or --user-defaults is not allowed with User SCRAM Credentials using --bootstrap-server.');
      if (hasQuotaToAdd || hasQuotaToDelete) {
        throw new ConfigsArgumentError("Cannot alter both quota and SCRAM credential configs simultaneously for 'users' using --bootstrap-server.");
      }
    }
  }
  if (hasQuotaToAdd || hasQuotaToDelete) await alterClientQuotas(admin, types, names, toAdd, toDelete);
  else await alterUserScramCredentials(admin, names[0]!, toAdd, scramToDelete);
}

/** java.lang.Double.parseDouble's accepted forms (decimal, exponent, NaN/Infinity, f/d suffix). */
function parseJavaDouble(text: string): number | undefined {
  const t = text.trim();
  if (!/^[+-]?(NaN|Infinity|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[fFdD]?)$/.test(t)) return undefined;
  return Number(t.replace(/[fFdD]$/, ''));
}

async function alterClientQuotas(
  admin: ConfigsAdmin,
  types: readonly string[],
  names: readonly string[],
  toAdd: ReadonlyMap<string, string>,
  toDelete: readonly string[],
): Promise<void> {
  if (types.length !== names.length) throw new ConfigsArgumentError('Exactly one entity name must be specified for every entity type');
  const current = (await describeClientQuotas(admin, types, names))[0]?.values.map(([k]) => k) ?? [];
  const invalid = toDelete.filter((k) => !current.includes(k));
  if (invalid.length > 0) throw new ConfigsArgumentError(`Invalid config(s): ${invalid.join(',')}`);
  const entity = types.map((type, i) => ({ entityType: QUOTA_ENTITY_TYPES[type]!, entityName: names[i] === '' ? null : names[i]! }));
  const ops = [
    ...[...toAdd].map(([key, raw]) => {
      const value = parseJavaDouble(raw);
      if (value === undefined) throw new ConfigsArgumentError(`Cannot parse quota configuration value for ${key}: ${raw}`);
      return { key, value, remove: false };
    }),
    ...toDelete.map((key) => ({ key, value: 0, remove: true })),
  ];
  admin.requireApi(admin.client, ApiKey.AlterClientQuotas);
  const response = await adminCall(() => admin.client.send(ApiKey.AlterClientQuotas, { entries: [{ entity, ops }], validateOnly: false }));
  for (const e of response.entries) {
    if (e.errorCode !== ErrorCode.NONE) throw new AdminFutureError(javaExceptionText(e.errorCode, e.errorMessage));
  }
}
