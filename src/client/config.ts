// Kafka client configuration as the client reads it: bootstrap.servers, client.id, timeouts,
// retries and security.protocol, validated with the Java client's ConfigException texts.

export type ClientProperties = Map<string, string>;

/** Thrown for configuration kt cannot honour; printed as a one-line error by the tool. */
export class ClientConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClientConfigError';
  }
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

/** A non-negative LONG config (Java's Type.LONG with atLeast(0)); beyond 2^53 it is held as the largest safe integer. */
export function longConfig(props: ReadonlyMap<string, string>, key: string, fallback: number): number {
  const raw = props.get(key);
  if (raw === undefined) return fallback;
  if (!/^[-+]?[0-9]+$/.test(raw.trim())) throw new ClientConfigError(`Invalid value ${raw} for configuration ${key}: Not a number of type LONG`);
  const n = Number(raw.trim());
  if (n < 0) throw new ClientConfigError(`Invalid value ${raw} for configuration ${key}: Value must be at least 0`);
  return Math.min(n, Number.MAX_SAFE_INTEGER);
}
