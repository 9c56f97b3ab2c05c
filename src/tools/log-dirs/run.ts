// kt log-dirs = kafka-log-dirs.sh (LogDirsCommand): each broker's log directories, their
// replicas' sizes and lags, as one JSON line. Unknown --broker-list ids print one line on stderr
// (exit 1); any other failure prints its message on stderr, exit 1.
import { JSON_OPTION, wantsJson, writeJson } from '../../cli/json.js';
import type { AdminClient } from '../../client/admin-client.js';
import { connectionSettings } from '../../client/config.js';
import { adminToolProperties } from '../../cli/client-config.js';
import type { BrokerLogDirs } from './json.js';
import { DEFAULT_OPTIONS, OptionError, parseArgs, type OptionSpec, type ParsedOptions } from '../../java-compat/jopt.js';
import { UsageError, VersionRequested, checkHelpOrVersion, checkRequired, describeError, isVerbose } from '../../cli/tool.js';

export const LOG_DIRS_OPTIONS: readonly OptionSpec[] = [
  ...DEFAULT_OPTIONS,
  { name: 'bootstrap-server', arg: 'required', argName: 'The server(s) to use for bootstrapping', description: 'REQUIRED: the server(s) to use for bootstrapping' },
  { name: 'command-config', arg: 'required', argName: 'Admin client property file', description: 'Property file containing configs to be passed to Admin Client.' },
  { name: 'describe', description: 'Describe the specified log directories on the specified brokers.' },
  {
    name: 'topic-list',
    arg: 'required',
    argName: 'Topic list',
    defaultValue: '',
    description: 'The list of topics to be queried in the form "topic1,topic2,topic3". All topics will be queried if no topic list is specified',
  },
  {
    name: 'broker-list',
    arg: 'required',
    argName: 'Broker list',
    defaultValue: '',
    description: 'The list of brokers to be queried in the form "0,1,2". All brokers in the cluster will be queried if no broker list is specified',
  },
  JSON_OPTION,
];

/** LogDirsCommand's TerseException: its message alone, exit 1. */
class UnknownBrokersError extends Error {}

export async function runLogDirs(argv: readonly string[]): Promise<number> {
  let client: AdminClient | undefined;
  try {
    const options = parseArgs(argv, LOG_DIRS_OPTIONS);
    checkHelpOrVersion(options, 'This tool helps to query log directory usage on the specified brokers.');
    checkRequired(options, 'bootstrap-server', 'describe');
    const props = adminToolProperties(options);
    const settings = connectionSettings(props, { clientId: 'log-dirs-tool', requestTimeoutMs: 30_000 });
    const { AdminClient } = await import('../../client/admin-client.js');
    client = await AdminClient.connect(settings);
    await describeLogDirs(client, options);
    return 0;
  } catch (e) {
    if (e instanceof UsageError || e instanceof VersionRequested) throw e;
    const plain = e instanceof OptionError || e instanceof UnknownBrokersError;
    process.stderr.write(`${plain ? (e as Error).message : describeError(e, isVerbose(argv))}\n`);
    return 1;
  } finally {
    client?.close();
  }
}

/** The comma-separated, empty-items-dropped values of --topic-list / --broker-list. */
function listValue(options: ParsedOptions, name: string): string[] {
  return options
    .valueOf(name)!
    .split(',')
    .filter((x) => x !== '');
}

async function describeLogDirs(client: AdminClient, options: ParsedOptions): Promise<void> {
  const [{ fetchMetadata }, { formatLogDirsJson, logDirsDocument, integerSetOrder }] = await Promise.all([import('../../client/cluster-metadata.js'), import('./json.js')]);
  const topics = new Set(listValue(options, 'topic-list'));
  const { brokers } = await fetchMetadata(client, []);
  const clusterIds = integerSetOrder(brokers.map((b) => b.nodeId));
  const inputIds = listValue(options, 'broker-list').map(javaIntegerValueOf);
  const existing = integerSetOrder(inputIds.length === 0 ? clusterIds : inputIds).filter((id) => clusterIds.includes(id));
  const missing = integerSetOrder(inputIds).filter((id) => !clusterIds.includes(id));
  if (missing.length > 0) {
    throw new UnknownBrokersError(`ERROR: The given brokers do not exist from --broker-list: ${missing.join(',')}. Current existent brokers: ${clusterIds.join(',')}`);
  }
  const json = wantsJson(options);
  if (!json) process.stdout.write('Querying brokers for log directories information\n');
  const described = await Promise.all(existing.map(async (id) => await describeBroker(client, brokers.find((b) => b.nodeId === id)!)));
  if (json) return writeJson(logDirsDocument(described, topics));
  process.stdout.write(`Received log directory information from brokers ${existing.join(',')}\n`);
  process.stdout.write(`${formatLogDirsJson(described, topics)}\n`);
}

/** Java's Integer.valueOf on one --broker-list item. */
function javaIntegerValueOf(text: string): number {
  if (!/^[-+]?[0-9]+$/.test(text) || Number(text) < -2147483648 || Number(text) > 2147483647) throw new Error(`For input string: "${text}"`);
  return Number(text);
}

/** One broker's DescribeLogDirs for every topic; a failure fails the whole tool, as in Java. */
async function describeBroker(client: AdminClient, node: { nodeId: number; host: string; port: number }): Promise<BrokerLogDirs> {
  const [{ ApiKey }, { ErrorCode }, { javaExceptionText }] = await Promise.all([
    import('../../protocol/api.js'),
    import('../../protocol/errors.js'),
    import('../../java-compat/java-exceptions.js'),
  ]);
  const broker = await client.toBroker(node);
  if (!broker.supports(ApiKey.DescribeLogDirs)) throw new Error('org.apache.kafka.common.errors.UnsupportedVersionException: The node does not support DESCRIBE_LOG_DIRS');
  const response = await broker.send(ApiKey.DescribeLogDirs, { topics: null });
  if (response.results.length === 0) {
    // Before v3 the response had no error code: an empty answer meant no authorization.
    const code = response.errorCode === ErrorCode.NONE ? ErrorCode.CLUSTER_AUTHORIZATION_FAILED : response.errorCode;
    throw new Error(javaExceptionText(code));
  }
  return {
    broker: node.nodeId,
    logDirs: response.results.map((d) => ({
      logDir: d.logDir,
      errorCode: d.errorCode,
      replicas: d.topics.flatMap((t) =>
        t.partitions.map((p) => ({ topic: t.name, partition: p.partitionIndex, size: p.partitionSize, offsetLag: p.offsetLag, isFuture: p.isFutureKey })),
      ),
    })),
  };
}
