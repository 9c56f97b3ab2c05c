// kt client-metrics = kafka-client-metrics.sh (ClientMetricsCommand): list, describe, alter and
// delete the client metrics subscriptions a broker pushes to KIP-714 clients. Option checks fail
// on stderr (exit 1: with the option table where Kafka prints it, one line where Kafka throws);
// a failed action prints `Error while executing client metrics command : <msg>` on stdout, exit 1.
import { randomUUID } from 'node:crypto';
import type { AdminClient } from '../../client/admin-client.js';
import { OptionError, parseArgs, type ParsedOptions } from '../../java-compat/jopt.js';
import { capacityAfterPuts, iterationOrder } from '../../java-compat/java-hash-order.js';
import { loadPropertiesFile } from '../../cli/client-config.js';
import { UsageError, checkHelpOrVersion, checkInvalid, isVerbose } from '../../cli/tool.js';
import { connectAdmin } from '../admin-common/connect.js';
import { CLIENT_METRICS_ACTIONS, CLIENT_METRICS_DESCRIPTION, CLIENT_METRICS_OPTIONS, commaSeparatedValues } from './options.js';

/** Kafka throws these from its option checks: one line on stderr, no option table. */
const fail = (message: string): never => {
  throw new UsageError(message, false);
};

/** jopt's errors where Kafka lets them escape main: one line on stderr. */
function stderrOnOptionError<T>(read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof OptionError) fail(e.message);
    throw e;
  }
}

/** ClientMetricsCommandOptions.checkArgs, in its order. */
function checkArgs(options: ParsedOptions): void {
  checkHelpOrVersion(options, CLIENT_METRICS_DESCRIPTION);
  if (CLIENT_METRICS_ACTIONS.filter((a) => options.has(a)).length !== 1) {
    throw new UsageError('Command must include exactly one action: --alter, --delete, --describe or --list.');
  }
  if (!options.has('bootstrap-server')) fail('--bootstrap-server must be specified.');
  checkInvalid(options, 'delete', ['generate-name', 'interval', 'match', 'metrics']);
  checkInvalid(options, 'describe', ['generate-name', 'interval', 'match', 'metrics']);
  checkInvalid(options, 'list', ['name', 'generate-name', 'interval', 'match', 'metrics']);
  if (options.has('alter') && options.has('name') === options.has('generate-name')) fail('One of --name or --generate-name must be specified with --alter.');
  if (options.has('delete') && !options.has('name')) fail('A client metrics resource name must be specified with --delete.');
}

export async function runClientMetrics(argv: readonly string[]): Promise<number> {
  // jopt's parse errors escape Kafka's constructor: the message alone, no option table.
  const options = stderrOnOptionError(() => parseArgs(argv, CLIENT_METRICS_OPTIONS));
  checkArgs(options);
  // Read before the action, as Kafka reads them before creating its Admin client: their
  // failures (a repeated option, a missing properties file) go to stderr.
  const [bootstrap, commandConfig] = stderrOnOptionError(() => [options.valueOf('bootstrap-server')!, options.valueOf('command-config')] as const);
  if (commandConfig !== undefined) {
    try {
      loadPropertiesFile(commandConfig);
    } catch (e) {
      // Kafka prints the exception's getMessage() here, without its class.
      fail(javaGetMessage(e instanceof Error ? e.message : String(e)));
    }
  }

  let client: AdminClient | undefined;
  try {
    client = await connectAdmin(bootstrap, commandConfig, 'adminclient-1');
    if (options.has('alter')) await alter(client, options);
    else if (options.has('describe')) await describe(client, options.valueOf('name'));
    else if (options.has('delete')) await remove(client, options.valueOf('name')!);
    else await list(client);
    return 0;
  } catch (e) {
    process.stdout.write(`Error while executing client metrics command : ${e instanceof Error ? e.message : String(e)}\n`);
    if (isVerbose(argv) && e instanceof Error && e.stack !== undefined) process.stderr.write(`${e.stack}\n`);
    return 1;
  } finally {
    client?.close();
  }
}

async function list(client: AdminClient): Promise<void> {
  const { listClientMetricsResources } = await import('../../client/admin/client-metrics.js');
  const names = await listClientMetricsResources(client);
  process.stdout.write(`${names.join('\n')}\n`);
}

async function describe(client: AdminClient, name: string | undefined): Promise<void> {
  const { listClientMetricsResources } = await import('../../client/admin/client-metrics.js');
  const names = name !== undefined ? [name] : await listClientMetricsResources(client);
  for (const entity of names) {
    process.stdout.write(`Client metrics configs for ${entity} are:\n`);
    for (const entry of await configsInJavaOrder(client, entity)) process.stdout.write(`  ${entry.name}=${entry.value}\n`);
  }
}

async function alter(client: AdminClient, options: ParsedOptions): Promise<void> {
  const { alterClientMetricsConfig } = await import('../../client/admin/client-metrics.js');
  const name = options.has('generate-name') ? kafkaRandomUuid() : options.valueOf('name')!;
  const values = new Map<string, string>();
  const interval = options.intValueOf('interval');
  if (interval !== undefined) values.set('interval.ms', String(interval));
  if (options.has('metrics')) values.set('metrics', commaSeparatedValues(options.valuesOf('metrics')).join(','));
  if (options.has('match')) values.set('match', commaSeparatedValues(options.valuesOf('match')).join(','));
  // Kafka collects them in a HashMap; an empty value deletes the config.
  const keys = iterationOrder([...values.keys()], capacityAfterPuts(16, values.size));
  await alterClientMetricsConfig(
    client,
    name,
    keys.map((key) => ({ name: key, op: values.get(key) === '' ? 'DELETE' : 'SET', value: values.get(key)! })),
  );
  process.stdout.write(`Altered client metrics config for ${name}.\n`);
}

async function remove(client: AdminClient, name: string): Promise<void> {
  const { alterClientMetricsConfig } = await import('../../client/admin/client-metrics.js');
  const old = await configsInJavaOrder(client, name);
  await alterClientMetricsConfig(
    client,
    name,
    old.map((entry) => ({ name: entry.name, op: 'DELETE', value: entry.value ?? '' })),
  );
  process.stdout.write(`Deleted client metrics config for ${name}.\n`);
}

/** Config.entries(): the values of a HashMap keyed by config name. */
async function configsInJavaOrder(client: AdminClient, name: string): Promise<Array<{ name: string; value: string | null }>> {
  const { describeClientMetricsConfig } = await import('../../client/admin/client-metrics.js');
  const entries = await describeClientMetricsConfig(client, name);
  const byName = new Map(entries.map((e) => [e.name, e]));
  return iterationOrder([...byName.keys()], capacityAfterPuts(16, byName.size)).map((key) => byName.get(key)!);
}

/**
 * Kafka's Uuid.randomUuid().toString(): a random (version 4) UUID in unpadded base64url,
 * drawn again when it would start with '-' (it could pass for an option).
 */
function kafkaRandomUuid(): string {
  for (;;) {
    const text = Buffer.from(randomUUID().replaceAll('-', ''), 'hex').toString('base64url');
    if (!text.startsWith('-')) return text;
  }
}

/** The getMessage() of a Java exception kt names as `<class>: <message>` (Is a directory: drops its path). */
function javaGetMessage(text: string): string {
  const message = text.replace(/^java\.[\w.]+: /, '');
  return message.startsWith('Is a directory: ') ? 'Is a directory' : message;
}
