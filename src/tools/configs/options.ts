// kafka-configs' options (ConfigCommand.ConfigCommandOptions) and checkArgs, in Kafka's order and
// wording. IllegalArgumentException-style failures are ConfigsArgumentError (message only on
// stderr, exit 1); printUsageAndExit cases are UsageError (message and option table).
import { JSON_OPTION } from '../../cli/json.js';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { DEFAULT_OPTIONS, parseJavaInteger, type OptionSpec, type ParsedOptions } from '../../java-compat/jopt.js';
import { UsageError, checkHelpOrVersion, checkInvalid } from '../../cli/tool.js';

/** IllegalArgumentException / InvalidConfigurationException: only the message is printed. */
export class ConfigsArgumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigsArgumentError';
  }
}

export const CONFIGS_OPTIONS: readonly OptionSpec[] = [
  ...DEFAULT_OPTIONS,
  {
    name: 'zookeeper',
    arg: 'required',
    argName: 'urls',
    hidden: true,
    description: 'DEPRECATED. The connection string for the zookeeper connection in the form host:port. kt has no ZooKeeper mode.',
  },
  { name: 'bootstrap-server', arg: 'required', argName: 'server to connect to', description: 'The Kafka servers to connect to.' },
  { name: 'bootstrap-controller', arg: 'required', argName: 'controller to connect to', description: 'The Kafka controllers to connect to.' },
  {
    name: 'command-config',
    arg: 'required',
    argName: 'command config property file',
    description:
      'Property file containing configs to be passed to Admin Client. This is used only with --bootstrap-server option for describing and altering broker configs.',
  },
  { name: 'alter', description: 'Alter the configuration for the entity.' },
  { name: 'describe', description: 'List configs for the given entity.' },
  { name: 'all', description: 'List all configs for the given entity, including static configs if available.' },
  { name: 'entity-type', arg: 'required', description: 'Type of entity (topics/clients/users/brokers/broker-loggers/ips/client-metrics/groups)' },
  { name: 'entity-name', arg: 'required', description: 'Name of entity (topic name/client id/user principal name/broker id/ip/client metrics/group id)' },
  { name: 'entity-default', description: 'Default entity name for clients/users/brokers/ips (applies to corresponding entity type)' },
  {
    name: 'add-config',
    arg: 'required',
    description:
      "Key Value pairs of configs to add. Square brackets can be used to group values which contain commas: 'k1=v1,k2=[v1,v2,v2],k3=v3'. " +
      "Entity types 'users' and 'clients' may be specified together to update config for clients of a specific user.",
  },
  { name: 'add-config-file', arg: 'required', description: 'Path to a properties file with configs to add. See add-config for a list of valid configurations.' },
  { name: 'delete-config', arg: 'required', description: "config keys to remove 'k1,k2'" },
  { name: 'force', description: 'Suppress console prompts' },
  { name: 'topic', arg: 'required', description: "The topic's name." },
  { name: 'client', arg: 'required', description: "The client's ID." },
  { name: 'client-defaults', description: 'The config defaults for all clients.' },
  { name: 'user', arg: 'required', description: "The user's principal name." },
  { name: 'user-defaults', description: 'The config defaults for all users.' },
  { name: 'broker', arg: 'required', description: "The broker's ID." },
  { name: 'broker-defaults', description: 'The config defaults for all brokers.' },
  { name: 'broker-logger', arg: 'required', description: "The broker's ID for its logger config." },
  { name: 'ip-defaults', description: 'The config defaults for all IPs.' },
  { name: 'ip', arg: 'required', description: 'The IP address.' },
  { name: 'group', arg: 'required', description: "The group's ID." },
  { name: 'client-metrics', arg: 'required', description: 'The client metrics config resource name.' },
  {
    name: 'zk-tls-config-file',
    arg: 'required',
    argName: 'ZooKeeper TLS configuration',
    hidden: true,
    description: 'Identifies the file where ZooKeeper client TLS connectivity properties are defined.',
  },
  JSON_OPTION,
];

export const BROKER_LOGGERS = 'broker-loggers';
/** ConfigType.ALL, then broker-loggers, client-metrics, groups: what a cluster connection can configure. */
const BROKER_SUPPORTED_TYPES = ['topics', 'clients', 'users', 'brokers', 'ips', BROKER_LOGGERS, 'client-metrics', 'groups'];
const ZK_SUPPORTED_TYPES = ['users', 'brokers'];

/** Each specific entity flag and the entity type it stands for, in ConfigCommand's order. */
const ENTITY_FLAGS: ReadonlyArray<readonly [string, string]> = [
  ['topic', 'topics'],
  ['client', 'clients'],
  ['user', 'users'],
  ['broker', 'brokers'],
  ['broker-logger', BROKER_LOGGERS],
  ['ip', 'ips'],
  ['client-metrics', 'client-metrics'],
  ['group', 'groups'],
];
const ENTITY_DEFAULT_FLAGS: ReadonlyArray<readonly [string, string]> = [
  ['client-defaults', 'clients'],
  ['user-defaults', 'users'],
  ['broker-defaults', 'brokers'],
  ['ip-defaults', 'ips'],
];

export interface ConfigsCommand {
  readonly action: 'describe' | 'alter';
  readonly entityTypes: readonly string[];
  /** Paired with entityTypes by position; '' is the default entity. */
  readonly entityNames: readonly string[];
}

/**
 * The options in command-line order, one entry per occurrence (jopt's OptionSet.specs()), which
 * is how --entity-name and --entity-default pair up with --entity-type.
 */
export function optionOccurrences(argv: readonly string[], specs: readonly OptionSpec[]): string[] {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === '--') break;
    if (!token.startsWith('--')) continue;
    const eq = token.indexOf('=');
    const name = eq < 0 ? token.slice(2) : token.slice(2, eq);
    const spec = byName.get(name);
    if (spec === undefined) continue;
    out.push(name);
    if (spec.arg === 'required' && eq < 0) i++;
  }
  return out;
}

export function entityTypesOf(options: ParsedOptions): string[] {
  return [
    ...options.valuesOf('entity-type'),
    ...[...ENTITY_FLAGS, ...ENTITY_DEFAULT_FLAGS].filter(([flag]) => options.has(flag)).map(([, type]) => type),
  ];
}

export function entityNamesOf(options: ParsedOptions, argv: readonly string[]): string[] {
  const names = options.valuesOf('entity-name');
  let next = 0;
  const paired = optionOccurrences(argv, CONFIGS_OPTIONS)
    .filter((o) => o === 'entity-name' || o === 'entity-default')
    .map((o) => (o === 'entity-name' ? names[next++]! : ''));
  return [
    ...paired,
    ...ENTITY_FLAGS.filter(([flag]) => options.has(flag)).map(([flag]) => options.valueOf(flag)!),
    ...ENTITY_DEFAULT_FLAGS.filter(([flag]) => options.has(flag)).map(() => ''),
  ];
}

/** Scala's `xs.diff(xs.distinct)`: every repeat after the first occurrence. */
function repeats(values: readonly string[]): string[] {
  const seen = new Set<string>();
  return values.filter((v) => (seen.has(v) ? true : (seen.add(v), false)));
}

/** Scala's String.toInt (Integer.parseInt). */
function isJavaInt(text: string): boolean {
  return parseJavaInteger(text, -2147483648n, 2147483647n) !== undefined;
}

/** DynamicConfig.Ip.isValidIpEntity: an IP literal or a host name that resolves. */
async function isValidIpEntity(ip: string): Promise<boolean> {
  if (ip === '<default>' || isIP(ip) !== 0) return true;
  try {
    await lookup(ip);
    return true;
  } catch {
    return false;
  }
}

/** CommandLineUtils.maybePrintHelpOrVersion, then ConfigCommandOptions.checkArgs. */
export async function checkConfigsArgs(options: ParsedOptions, argv: readonly string[]): Promise<ConfigsCommand> {
  checkHelpOrVersion(options, 'This tool helps to manipulate and describe entity config for a topic, client, user, broker, ip, client-metrics or group');
  const actions = (['alter', 'describe'] as const).filter((a) => options.has(a));
  if (actions.length !== 1) throw new UsageError('Command must include exactly one action: --describe, --alter');
  checkInvalid(options, 'alter', ['describe']);
  checkInvalid(options, 'describe', ['alter', 'add-config', 'delete-config']);

  const types = entityTypesOf(options);
  const duplicates = repeats(types);
  if (duplicates.length > 0) throw new ConfigsArgumentError(`Duplicate entity type(s) specified: ${duplicates.join(',')}`);

  const viaCluster = options.has('bootstrap-server') || options.has('bootstrap-controller');
  const allowed = viaCluster ? BROKER_SUPPORTED_TYPES : ZK_SUPPORTED_TYPES;
  const connectOption = viaCluster ? '--bootstrap-server or --bootstrap-controller' : '--zookeeper';
  for (const type of types) {
    if (!allowed.includes(type)) {
      throw new ConfigsArgumentError(`Invalid entity type ${type}, the entity type must be one of ${allowed.join(', ')} with a ${connectOption} argument`);
    }
  }
  if (types.length === 0) throw new ConfigsArgumentError('At least one entity type must be specified');
  if (types.length > 1 && !(new Set(types).size === 2 && types.includes('users') && types.includes('clients'))) {
    throw new ConfigsArgumentError("Only 'users' and 'clients' entity types may be specified together");
  }

  const specificFlags = [...ENTITY_FLAGS, ...ENTITY_DEFAULT_FLAGS].some(([flag]) => options.has(flag));
  if ((options.has('entity-name') || options.has('entity-type') || options.has('entity-default')) && specificFlags) {
    throw new ConfigsArgumentError('--entity-{type,name,default} should not be used in conjunction with specific entity flags');
  }

  const names = entityNamesOf(options, argv);
  const hasEntityName = names.some((n) => n !== '');
  const hasEntityDefault = names.some((n) => n === '');

  const connectOptions = ['bootstrap-server', 'bootstrap-controller', 'zookeeper'].filter((o) => options.has(o)).length;
  if (connectOptions === 0) throw new ConfigsArgumentError('One of the required --bootstrap-server, --boostrap-controller, or --zookeeper arguments must be specified');
  if (connectOptions > 1) throw new ConfigsArgumentError('Only one of --bootstrap-server, --boostrap-controller, and --zookeeper can be specified');
  if (options.has('all') && options.has('zookeeper')) throw new ConfigsArgumentError('--bootstrap-server must be specified for --all');
  if (options.has('zk-tls-config-file') && !options.has('zookeeper')) {
    throw new ConfigsArgumentError('Only the --zookeeper option can be used with the --zk-tls-config-file option.');
  }

  if (hasEntityName && (types.includes('brokers') || types.includes(BROKER_LOGGERS))) {
    for (const opt of ['entity-name', 'broker', 'broker-logger'].filter((o) => options.has(o))) {
      const id = options.valueOf(opt)!;
      if (!isJavaInt(id)) throw new ConfigsArgumentError(`The entity name for ${types[0]} must be a valid integer broker id, but it is: ${id}`);
    }
  }
  if (hasEntityName && types.includes('ips')) {
    for (const opt of ['entity-name', 'ip'].filter((o) => options.has(o))) {
      const ip = options.valueOf(opt)!;
      if (!(await isValidIpEntity(ip))) throw new ConfigsArgumentError(`The entity name for ${types[0]} must be a valid IP or resolvable host, but it is: ${ip}`);
    }
  }

  const quotaOrBrokerTypes = ['users', 'clients', 'brokers', 'ips'];
  if (options.has('describe')) {
    if (!types.some((t) => quotaOrBrokerTypes.includes(t)) && options.has('entity-default')) {
      throw new ConfigsArgumentError(`--entity-default must not be specified with --describe of ${types.join(',')}`);
    }
    if (types.includes(BROKER_LOGGERS) && !hasEntityName) throw new ConfigsArgumentError(`An entity name must be specified with --describe of ${types.join(',')}`);
  }
  if (options.has('alter')) {
    if (types.some((t) => quotaOrBrokerTypes.includes(t))) {
      if (!hasEntityName && !hasEntityDefault) {
        throw new ConfigsArgumentError('An entity-name or default entity must be specified with --alter of users, clients, brokers or ips');
      }
    } else if (!hasEntityName) {
      throw new ConfigsArgumentError(`An entity name must be specified with --alter of ${types.join(',')}`);
    }
    const addConfig = options.has('add-config');
    const addConfigFile = options.has('add-config-file');
    if (addConfig && addConfigFile) throw new ConfigsArgumentError('Only one of --add-config or --add-config-file must be specified');
    if (!addConfig && !addConfigFile && !options.has('delete-config')) {
      throw new ConfigsArgumentError('At least one of --add-config, --add-config-file, or --delete-config must be specified with --alter');
    }
  }
  return { action: actions[0]!, entityTypes: types, entityNames: names };
}
