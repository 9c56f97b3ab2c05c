// Kafka client configuration as the tools assemble it: Java .properties files
// (--command-config, --producer.config, ...), `key=value` arguments (--property, ...), and the
// connection settings kt derives from them (bootstrap servers, client id, timeouts, security).
import { readFileSync } from 'node:fs';
import { parseProperties } from '../java-compat/properties.js';
import type { ParsedOptions } from '../java-compat/jopt.js';

export type ClientProperties = Map<string, string>;

/** Thrown for configuration kt cannot honour; printed as a one-line error by the tool. */
export class ClientConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClientConfigError';
  }
}

/**
 * Kafka's Utils.loadProps. Java's Properties.load(InputStream) reads ISO-8859-1, so kt decodes
 * the file as latin1 too: a file that works with Kafka's tools means the same thing here.
 */
export function loadPropertiesFile(path: string): ClientProperties {
  let text: string;
  try {
    text = readFileSync(path, 'latin1');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ClientConfigError(`java.nio.file.NoSuchFileException: ${path}`);
    if (code === 'EISDIR') throw new ClientConfigError(`java.io.IOException: Is a directory: ${path}`);
    if (code === 'EACCES') throw new ClientConfigError(`java.nio.file.AccessDeniedException: ${path}`);
    throw new ClientConfigError(`${(e as Error).message}`);
  }
  return parseProperties(text);
}

/**
 * The admin tools' client properties: the --command-config file (if any) with bootstrap.servers
 * set from the given option, as Kafka's tools build them before Admin.create.
 */
export function adminToolProperties(options: ParsedOptions, bootstrapOption = 'bootstrap-server'): ClientProperties {
  const props = options.has('command-config') ? loadPropertiesFile(options.valueOf('command-config')!) : new Map<string, string>();
  props.set('bootstrap.servers', options.valueOf(bootstrapOption)!);
  return props;
}

/**
 * CommandLineUtils.parseKeyValueArgs: each argument is split at its first '='; an argument
 * without '=' (or with nothing after it) sets the key to the empty string. Later arguments win.
 */
export function parseKeyValueArgs(args: readonly string[]): ClientProperties {
  const props: ClientProperties = new Map();
  for (const arg of args) {
    const eq = arg.indexOf('=');
    if (eq < 0) props.set(arg, '');
    else props.set(arg.slice(0, eq), arg.slice(eq + 1));
  }
  return props;
}

/** Copies `from` over `into` (Properties.putAll) and returns `into`. */
export function putAll(into: ClientProperties, from: ReadonlyMap<string, string>): ClientProperties {
  for (const [k, v] of from) into.set(k, v);
  return into;
}

export interface HostPort {
  readonly host: string;
  readonly port: number;
}

/** Java's Utils.getHost/getPort patterns: `host:port`, `[ipv6]:port`; undefined when malformed. */
export function parseHostPort(address: string): HostPort | undefined {
  const m = /^\[?([0-9a-zA-Z\-%._:]*)\]?:([0-9]+)$/.exec(address.trim());
  if (m === null) return undefined;
  const port = Number(m[2]);
  if (port > 65535) return undefined;
  return { host: m[1]!, port };
}

/** bootstrap.servers as the Java client validates it (ClientUtils.parseAndValidateAddresses). */
export function parseBootstrapServers(value: string): HostPort[] {
  const out: HostPort[] = [];
  for (const entry of value.split(',')) {
    const url = entry.trim();
    if (url === '') continue;
    const hp = parseHostPort(url);
    if (hp === undefined || hp.host === '') throw new ClientConfigError(`Invalid url in bootstrap.servers: ${url}`);
    out.push(hp);
  }
  if (out.length === 0) throw new ClientConfigError('No resolvable bootstrap urls given in bootstrap.servers');
  return out;
}

export interface ConnectionSettings {
  readonly bootstrap: HostPort[];
  readonly clientId: string;
  /** request.timeout.ms */
  readonly requestTimeoutMs: number;
  /** socket.connection.setup.timeout.ms: one TCP connect attempt. */
  readonly connectTimeoutMs: number;
  /** How long kt keeps retrying to reach a bootstrap server before giving up with an error. */
  readonly connectDeadlineMs: number;
  /** retries / retry.backoff.ms / retry.backoff.max.ms */
  readonly retries: number;
  readonly retryBackoffMs: number;
  readonly retryBackoffMaxMs: number;
}

/**
 * kt gives up on an unreachable cluster after this long (Java's tools wait for
 * default.api.timeout.ms, 60 s, then fail; an explicit default.api.timeout.ms is honoured).
 */
export const DEFAULT_CONNECT_DEADLINE_MS = 5_000;

const SECURITY_PROTOCOLS = ['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'];

/** Derives connection settings from client properties; `defaults` are the tool's own defaults. */
export function connectionSettings(
  props: ReadonlyMap<string, string>,
  defaults: { clientId: string; requestTimeoutMs: number; retries?: number },
): ConnectionSettings {
  checkSecurityProtocol(props);
  const bootstrapValue = props.get('bootstrap.servers');
  if (bootstrapValue === undefined) throw new ClientConfigError('Missing required configuration "bootstrap.servers" which has no default value.');
  const clientId = props.get('client.id');
  return {
    bootstrap: parseBootstrapServers(bootstrapValue),
    clientId: clientId === undefined || clientId === '' ? defaults.clientId : clientId,
    requestTimeoutMs: intConfig(props, 'request.timeout.ms', defaults.requestTimeoutMs, 0),
    connectTimeoutMs: intConfig(props, 'socket.connection.setup.timeout.ms', 10_000, 0),
    connectDeadlineMs: intConfig(props, 'default.api.timeout.ms', DEFAULT_CONNECT_DEADLINE_MS, 0),
    retries: intConfig(props, 'retries', defaults.retries ?? 5, 0),
    retryBackoffMs: intConfig(props, 'retry.backoff.ms', 100, 0),
    retryBackoffMaxMs: intConfig(props, 'retry.backoff.max.ms', 1000, 0),
  };
}

function checkSecurityProtocol(props: ReadonlyMap<string, string>): void {
  const raw = props.get('security.protocol');
  if (raw === undefined) return;
  const value = raw.trim().toUpperCase();
  if (!SECURITY_PROTOCOLS.includes(value)) {
    throw new ClientConfigError(`Invalid value ${raw} for configuration security.protocol: String must be one of: ${SECURITY_PROTOCOLS.join(', ')}`);
  }
  if (value !== 'PLAINTEXT') {
    throw new ClientConfigError(`security.protocol=${value} is not supported by kt yet; only PLAINTEXT connections are available.`);
  }
}

/** A numeric client config; Java's ConfigException text when it is not a number in range. */
export function intConfig(props: ReadonlyMap<string, string>, key: string, fallback: number, min?: number): number {
  const raw = props.get(key);
  if (raw === undefined) return fallback;
  const text = raw.trim();
  if (!/^[-+]?[0-9]+$/.test(text)) throw new ClientConfigError(`Invalid value ${raw} for configuration ${key}: Not a number of type INT`);
  const n = Number(text);
  if (min !== undefined && n < min) throw new ClientConfigError(`Invalid value ${raw} for configuration ${key}: Value must be at least ${min}`);
  return n;
}
