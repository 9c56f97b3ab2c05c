// Listeners as Kafka resolves them (KafkaConfig.listeners / effectiveListenerSecurityProtocolMap,
// SocketServerConfigs.listenerListToEndPoints): `NAME://host:port` entries, each with the security
// protocol `listener.security.protocol.map` gives its name. The one place that decides which
// protocols the broker can serve: a listener with any other protocol stops the start-up before a
// socket is opened, so a TLS or SASL port never speaks plaintext.

export const SECURITY_PROTOCOLS = ['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'] as const;
export type SecurityProtocol = (typeof SECURITY_PROTOCOLS)[number];

/** What kt's network layer serves today (TLS and SASL are a later issue). */
export const SERVED_SECURITY_PROTOCOLS: readonly SecurityProtocol[] = ['PLAINTEXT'];

/** A listener as parsed from `listeners` or `advertised.listeners`. */
export interface ListenerSpec {
  /** Upper-cased, as Kafka normalises listener names. */
  readonly name: string;
  /** '' = every interface. */
  readonly host: string;
  readonly port: number;
  readonly securityProtocol: SecurityProtocol;
}

/** The raw settings the resolution reads (all from the static config). */
export interface ListenerSettings {
  readonly listeners: string;
  readonly advertisedListeners: string | null;
  /** null when the key was not set: then Kafka's default map applies, with the controller rule below. */
  readonly securityProtocolMap: string | null;
  readonly controllerListenerNames: string;
}

export const DEFAULT_SECURITY_PROTOCOL_MAP = 'SASL_SSL:SASL_SSL,PLAINTEXT:PLAINTEXT,SSL:SSL,SASL_PLAINTEXT:SASL_PLAINTEXT';

export class ListenerConfigError extends Error {}

/** Kafka's Csv.parseCsvList: split at commas with surrounding blanks, empty items dropped. */
function csvList(v: string): string[] {
  return v === '' ? [] : v.split(/\s*,\s*/).filter((s) => s !== '');
}

/**
 * The listener name -> protocol map. As in KRaft mode, when the map is not set explicitly and no
 * listener or controller listener is named after SSL or SASL_*, every controller listener name
 * not already in it maps to PLAINTEXT.
 */
export function securityProtocolMap(s: ListenerSettings): Map<string, SecurityProtocol> {
  const map = new Map<string, SecurityProtocol>();
  const text = s.securityProtocolMap ?? DEFAULT_SECURITY_PROTOCOL_MAP;
  for (const entry of text === '' ? [] : text.split(/\s*,\s*/)) {
    const colon = entry.lastIndexOf(':');
    if (colon < 0) {
      // Java's substring(0, -1) fails with this text, which Kafka wraps.
      throw new ListenerConfigError(`Error parsing configuration property 'listener.security.protocol.map': begin 0, end -1, length ${entry.length}`);
    }
    const protocol = entry.slice(colon + 1).trim();
    map.set(normalisedName(entry.slice(0, colon).trim()), securityProtocolNamed(protocol));
  }
  if (s.securityProtocolMap === null) {
    const controllers = csvList(s.controllerListenerNames);
    const isSslOrSasl = (n: string) => n === 'SSL' || n === 'SASL_SSL' || n === 'SASL_PLAINTEXT';
    const listenerNames = csvList(s.listeners).map((l) => l.split('://')[0]!);
    if (!controllers.some(isSslOrSasl) && !listenerNames.some(isSslOrSasl)) {
      for (const c of controllers) if (c !== 'PLAINTEXT') map.set(c, 'PLAINTEXT');
    }
  }
  return map;
}

function securityProtocolNamed(name: string): SecurityProtocol {
  const upper = name.toUpperCase();
  if (!(SECURITY_PROTOCOLS as readonly string[]).includes(upper)) {
    throw new ListenerConfigError(`Invalid security protocol \`${name}\` defined in listener.security.protocol.map`);
  }
  return upper as SecurityProtocol;
}

function normalisedName(name: string): string {
  if (name.trim() === '') throw new ListenerConfigError('The provided listener name is null or empty string');
  return name.toUpperCase();
}

const ENDPOINT = /^(.*):\/\/\[?([0-9a-zA-Z\-%._:]*)\]?:(-?[0-9]+)$/;

/** Kafka's listenerListToEndPoints; `requireDistinctPorts` is false for advertised.listeners. */
export function parseListenerList(value: string, protocols: ReadonlyMap<string, SecurityProtocol>, requireDistinctPorts = true): ListenerSpec[] {
  const fail = (reason: string) => new ListenerConfigError(`Error creating broker listeners from '${value}': ${reason}`);
  const specs = csvList(value.trim()).map((entry) => {
    const m = ENDPOINT.exec(entry);
    if (!m) throw fail(`Unable to parse ${entry} to a broker endpoint`);
    let name: string;
    try {
      name = normalisedName(m[1]!);
    } catch (e) {
      throw fail((e as Error).message);
    }
    const securityProtocol = protocols.get(name);
    if (securityProtocol === undefined) throw fail(`No security protocol defined for listener ${name}`);
    return { name, host: m[2]!, port: Number(m[3]), securityProtocol };
  });
  if (new Set(specs.map((s) => s.name)).size !== specs.length) {
    throw new ListenerConfigError(`requirement failed: Each listener must have a different name, listeners: ${value}`);
  }
  if (requireDistinctPorts) checkDistinctPorts(specs, value);
  return specs;
}

/** Two listeners may share a port only when one binds an IPv4 and the other an IPv6 address (port 0 aside). */
function checkDistinctPorts(specs: readonly ListenerSpec[], value: string): void {
  const byPort = new Map<number, ListenerSpec[]>();
  for (const s of specs) if (s.port !== 0) byPort.set(s.port, [...(byPort.get(s.port) ?? []), s]);
  for (const [port, group] of byPort) {
    if (group.length < 2) continue;
    const withIp = group.filter((s) => ipVersion(s.host) !== 0);
    if (group.length - withIp.length > 1) {
      throw new ListenerConfigError(`requirement failed: Each listener must have a different port, listeners: ${value}`);
    }
    if (withIp.length === 0) continue;
    if (withIp.length !== 2) {
      throw new ListenerConfigError(`Each listener must have a different port unless exactly one listener has an IPv4 address and the other IPv6 address, listeners: ${value}, port: ${port}`);
    }
    const message = `If you have two listeners on the same port then one needs to be IPv4 and the other IPv6, listeners: ${value}, port: ${port}`;
    if (ipVersion(withIp[0]!.host) === ipVersion(withIp[1]!.host)) throw new ListenerConfigError(`requirement failed: ${message}`);
    if (withIp.length !== group.length) throw new ListenerConfigError(message);
  }
}

function ipVersion(host: string): 0 | 4 | 6 {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(host)) return 4;
  return host.includes(':') ? 6 : 0;
}

/** Every listener (controller ones included) and the client listeners the broker serves. */
export interface ResolvedListeners {
  readonly all: readonly ListenerSpec[];
  /** `listeners` without the controller listeners (which kt never serves to clients). */
  readonly client: readonly ListenerSpec[];
  readonly advertised: readonly ListenerSpec[] | null;
}

export function resolveListeners(s: ListenerSettings): ResolvedListeners {
  const protocols = securityProtocolMap(s);
  const all = parseListenerList(s.listeners, protocols);
  const controllers = new Set(csvList(s.controllerListenerNames).map((n) => n.toUpperCase()));
  const advertised = s.advertisedListeners === null ? null : parseListenerList(s.advertisedListeners, protocols, false);
  return { all, client: all.filter((l) => !controllers.has(l.name)), advertised };
}

/** One line naming the first client listener kt cannot serve, or null when all can be served. */
export function unservedListenerReason(client: readonly ListenerSpec[]): string | null {
  const l = client.find((spec) => !SERVED_SECURITY_PROTOCOLS.includes(spec.securityProtocol));
  if (!l) return null;
  return `Listener ${l.name} (${formatListener(l)}) uses security protocol ${l.securityProtocol}, which kt does not serve yet: only PLAINTEXT listeners can be started`;
}

export function formatListener(l: Pick<ListenerSpec, 'name' | 'host' | 'port'>): string {
  return `${l.name}://${l.host.includes(':') ? `[${l.host}]` : l.host}:${l.port}`;
}
