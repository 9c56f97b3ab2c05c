// A minimal admin client over one bootstrap connection: reaches the cluster within a bounded
// time, negotiates API versions (ApiVersions), and turns per-resource error codes into errors
// carrying the broker's message, as Java's Admin client does. Single-broker requests suffice
// for the admin APIs kt uses: a KRaft broker forwards controller requests itself.
import { API_SCHEMAS, ApiKey, type RequestInput, type ResponseMap } from '../protocol/api.js';
import { ErrorCode } from '../protocol/errors.js';
import { javaDefaultMessage } from '../java-compat/java-exceptions.js';
import { connectBootstrap } from './bootstrap.js';
import { ClientConnectionError, type PipelinedConnection } from './connection.js';
import { KafkaApiError } from './errors.js';
import type { ConnectionSettings } from './config.js';
import { ktVersion } from '../common/version.js';

export function apiError(code: number, brokerMessage: string | null | undefined): KafkaApiError {
  const message = brokerMessage !== null && brokerMessage !== undefined && brokerMessage !== '' ? brokerMessage : javaDefaultMessage(code);
  return new KafkaApiError(code, message);
}

interface VersionRange {
  readonly min: number;
  readonly max: number;
}

const OUR_VERSIONS = new Map<number, VersionRange>(API_SCHEMAS.map((s) => [s.apiKey, { min: s.minVersion, max: s.maxStableVersion }]));

/** A broker as Metadata (or FindCoordinator) names it. */
export interface BrokerNode {
  readonly nodeId: number;
  readonly host: string;
  readonly port: number;
}

export class AdminClient {
  /** Clients on other brokers (group coordinator, partition leader), by `host:port`; closed with this one. */
  private readonly brokerClients = new Map<string, Promise<AdminClient>>();

  private constructor(
    private readonly connection: PipelinedConnection,
    private readonly brokerVersions: ReadonlyMap<number, VersionRange>,
    private readonly settings: ConnectionSettings,
  ) {}

  private get requestTimeoutMs(): number {
    return this.settings.requestTimeoutMs;
  }

  /** Connects to the first reachable bootstrap server, retrying with backoff until the deadline. */
  static async connect(settings: ConnectionSettings): Promise<AdminClient> {
    return await connectBootstrap(settings, async (connection, remainingMs) => {
      const versions = await fetchApiVersions(connection, Math.min(settings.requestTimeoutMs, remainingMs));
      return new AdminClient(connection, versions, settings);
    });
  }

  /**
   * A client on one given broker, for requests Kafka sends to a specific node: group APIs to the
   * coordinator, ListOffsets/DeleteRecords to the partition leader, DescribeLogDirs to each broker.
   * The bootstrap connection is reused when it already is that broker (always, against kt's
   * single-node broker); others are opened once and cached.
   */
  async toBroker(node: BrokerNode): Promise<AdminClient> {
    const address = `${node.host}:${node.port}`;
    if (address === this.connection.address) return this;
    let client = this.brokerClients.get(address);
    if (!client) {
      client = AdminClient.connect({ ...this.settings, bootstrap: [{ host: node.host, port: node.port }] });
      this.brokerClients.set(address, client);
    }
    return await client;
  }

  /** Whether the broker advertises the API at all. */
  supports(apiKey: ApiKey, minVersion = 0): boolean {
    return this.negotiate(apiKey, minVersion) !== undefined;
  }

  /** Sends a request at the highest version both sides support (at least `minVersion`). */
  async send<K extends ApiKey>(apiKey: K, body: RequestInput<K>, minVersion = 0): Promise<ResponseMap[K]> {
    const version = this.negotiate(apiKey, minVersion);
    if (version === undefined) {
      const name = API_SCHEMAS.find((s) => s.apiKey === apiKey)?.name ?? String(apiKey);
      throw new KafkaApiError(ErrorCode.UNSUPPORTED_VERSION, `The broker does not support ${name} at version ${minVersion} or above.`);
    }
    return await this.connection.send(apiKey, version, body, this.requestTimeoutMs);
  }

  /** The version a request would use, or undefined when there is none in common. */
  negotiate(apiKey: ApiKey, minVersion = 0): number | undefined {
    const ours = OUR_VERSIONS.get(apiKey);
    const theirs = this.brokerVersions.get(apiKey);
    if (ours === undefined || theirs === undefined) return undefined;
    const max = Math.min(ours.max, theirs.max);
    return max >= Math.max(ours.min, theirs.min, minVersion) ? max : undefined;
  }

  close(): void {
    this.connection.close();
    for (const client of this.brokerClients.values()) client.then((c) => c.close(), () => undefined);
  }
}

async function fetchApiVersions(connection: PipelinedConnection, timeoutMs: number): Promise<Map<number, VersionRange>> {
  let response = await connection
    .send(ApiKey.ApiVersions, 3, { clientSoftwareName: 'kt', clientSoftwareVersion: ktVersion() }, timeoutMs)
    .catch((e: Error) => {
      // A broker older than ApiVersions v3 answers in the v0 layout, which v3 cannot decode.
      if (e instanceof ClientConnectionError) throw e;
      return undefined;
    });
  if (response === undefined || response.errorCode === ErrorCode.UNSUPPORTED_VERSION) {
    response = await connection.send(ApiKey.ApiVersions, 0, {}, timeoutMs);
  }
  if (response.errorCode !== ErrorCode.NONE) throw apiError(response.errorCode, null);
  return new Map(response.apiKeys.map((k) => [k.apiKey, { min: k.minVersion, max: k.maxVersion }]));
}
