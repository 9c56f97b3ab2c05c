// kt broker-api-versions = kafka-broker-api-versions.sh (BrokerApiVersionsCommand): every broker
// the cluster's Metadata lists, with the API versions it advertises next to the ones kt can use.
// A broker that cannot be asked gets an `ERROR:` line and the tool still exits 0; anything else
// that fails prints its message on stderr, exit 1.
import { JSON_OPTION, wantsJson, writeJson } from '../../cli/json.js';
import type { ApiVersionEntry } from './format.js';
import type { AdminClient } from '../../client/admin-client.js';
import { connectionSettings } from '../../client/config.js';
import { adminToolProperties } from '../../cli/client-config.js';
import { type ClusterNode, nodeHashCode, nodeText } from '../../client/cluster-metadata.js';
import { capacityAfterPuts, iterationOrderBy } from '../../java-compat/java-hash-order.js';
import { DEFAULT_OPTIONS, OptionError, parseArgs, type OptionSpec } from '../../java-compat/jopt.js';
import { UsageError, VersionRequested, checkHelpOrVersion, checkRequired, describeError, isVerbose } from '../../cli/tool.js';

export const BROKER_API_VERSIONS_OPTIONS: readonly OptionSpec[] = [
  ...DEFAULT_OPTIONS,
  {
    name: 'command-config',
    arg: 'required',
    argName: 'command config property file',
    description: 'A property file containing configs to be passed to Admin Client.',
  },
  { name: 'bootstrap-server', arg: 'required', argName: 'server(s) to use for bootstrapping', description: 'REQUIRED: The server to connect to.' },
  JSON_OPTION,
];

/** The tool's own AdminClient waits this long for each request (DEFAULT_REQUEST_TIMEOUT_MS). */
const REQUEST_TIMEOUT_MS = 5000;

export async function runBrokerApiVersions(argv: readonly string[]): Promise<number> {
  const verbose = isVerbose(argv);
  let client: AdminClient | undefined;
  try {
    const options = parseArgs(argv, BROKER_API_VERSIONS_OPTIONS);
    checkHelpOrVersion(options, 'This tool helps to retrieve broker version information.');
    checkRequired(options, 'bootstrap-server');
    const props = adminToolProperties(options);
    const settings = connectionSettings(props, { clientId: 'admin-1', requestTimeoutMs: REQUEST_TIMEOUT_MS });

    const [{ AdminClient }, { fetchMetadata }, { ClusterUnreachableError }] = await Promise.all([
      import('../../client/admin-client.js'),
      import('../../client/cluster-metadata.js'),
      import('../../client/errors.js'),
    ]);
    client = await AdminClient.connect(settings).catch((e: unknown) => {
      if (!(e instanceof ClusterUnreachableError)) throw e;
      // sendAnyNode tried every bootstrap node (ids -1, -2, ...) and none answered.
      const nodes = settings.bootstrap.map((b, i) => nodeText({ nodeId: -(i + 1), host: b.host, port: b.port, rack: null }));
      throw new Error(`Request METADATA failed on brokers [${nodes.join(', ')}]`);
    });
    const { brokers } = await fetchMetadata(client, []);
    // listAllBrokerVersionInfo collects the nodes into a HashMap<Node, ...>.
    const { formatApiVersionEntries } = await import('./format.js');
    const result: BrokerApiVersionsResult = { brokers: [] };
    const json = wantsJson(options);
    for (const node of iterationOrderBy(brokers, nodeHashCode, capacityAfterPuts(16, brokers.length))) {
      const described = await describeNode(client, node);
      if (json) result.brokers.push({ id: node.nodeId, host: node.host, port: node.port, rack: node.rack, ...described });
      else process.stdout.write(`${nodeText(node)} -> ${described.error === null ? formatApiVersionEntries(described.apis!) : `ERROR: ${described.error}`}\n`);
    }
    if (json) writeJson(result);
    return 0;
  } catch (e) {
    if (e instanceof UsageError || e instanceof VersionRequested) throw e;
    // mainNoExit: the message (then, in Java, the stack trace) on stderr. jopt's errors land here too.
    process.stderr.write(`${e instanceof OptionError ? e.message : describeError(e, verbose)}\n`);
    return 1;
  } finally {
    client?.close();
  }
}

/** The typed result of `--json`: every broker, in the text's order. */
export interface BrokerApiVersionsResult {
  readonly brokers: {
    readonly id: number;
    readonly host: string;
    readonly port: number;
    readonly rack: string | null;
    /** null when the broker could not be asked (then `error` says why). */
    readonly apis: readonly ApiVersionEntry[] | null;
    /** The Java exception text of a failed broker, null when it answered. */
    readonly error: string | null;
  }[];
}

type NodeVersions = { apis: ApiVersionEntry[]; error: null } | { apis: null; error: string };

/** One broker's versions, or the cause Java prints after `ERROR: ` for a failed future. */
async function describeNode(client: AdminClient, node: ClusterNode): Promise<NodeVersions> {
  const [{ ApiKey }, { nodeApiVersionEntries }, { javaExceptionText }, { ktVersion }] = await Promise.all([
    import('../../protocol/api.js'),
    import('./format.js'),
    import('../../java-compat/java-exceptions.js'),
    import('../../common/version.js'),
  ]);
  try {
    const broker = await client.toBroker(node);
    const response = await broker.send(ApiKey.ApiVersions, { clientSoftwareName: 'kt', clientSoftwareVersion: ktVersion() });
    if (response.errorCode !== 0) return { apis: null, error: javaExceptionText(response.errorCode) };
    return { apis: nodeApiVersionEntries(response.apiKeys), error: null };
  } catch (e) {
    const { KafkaApiError } = await import('../../client/errors.js');
    if (e instanceof KafkaApiError) return { apis: null, error: javaExceptionText(e.code, e.message) };
    // A node that cannot be reached fails its future with a DisconnectException (no message).
    return { apis: null, error: 'org.apache.kafka.common.errors.DisconnectException' };
  }
}
