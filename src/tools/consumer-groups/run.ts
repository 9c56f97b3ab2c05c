// kt consumer-groups = kafka-consumer-groups.sh: ConsumerGroupCommand's flow, streams and exit
// codes. Usage errors: stderr, exit 1. Failures while acting are printed on stdout as
// `Error: Executing consumer group command failed due to <message>` and, as in Kafka, exit 0.
import { wantsJson, writeJson } from '../../cli/json.js';
import type { GroupListResult } from './result.js';
import type { AdminClient } from '../../client/admin-client.js';
import { ClientConfigError, connectionSettings } from '../../client/config.js';
import { adminToolProperties } from '../../cli/client-config.js';
import type { ConsumerGroupsAdmin } from './admin.js';
import type { GroupOutput } from './describe.js';
import { GroupCommandFailure, throwableText, wrapping } from './errors.js';
import { formatGroupListing } from './format.js';
import { parseStateFilter, parseTypeFilter } from './input.js';
import { checkConsumerGroupsArgs, parseConsumerGroupsArgs, type GroupAction } from './options.js';
import { OptionError, type ParsedOptions } from '../../java-compat/jopt.js';
import { UsageError, isVerbose } from '../../cli/tool.js';

const LOGGER_NAME = 'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand';
/** request.timeout.ms of Java's Admin client. */
const ADMIN_REQUEST_TIMEOUT_MS = 30_000;

const STREAMS: GroupOutput = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
};

export async function runConsumerGroups(argv: readonly string[]): Promise<number> {
  let options: ParsedOptions;
  let action: GroupAction;
  const warnings: string[] = [];
  try {
    options = parseConsumerGroupsArgs(argv);
    action = checkConsumerGroupsArgs(options, warnings);
  } catch (e) {
    for (const w of warnings) process.stderr.write(`${w}\n`);
    // jopt's own exceptions escape Kafka's main uncaught: the message only, exit 1.
    if (e instanceof OptionError) {
      process.stderr.write(`${e.message}\n`);
      return 1;
    }
    // Usage errors and --help/--version are printed by runTool.
    throw e;
  }
  for (const w of warnings) process.stderr.write(`${w}\n`);

  let client: AdminClient | undefined;
  try {
    const timeoutMs = timeoutOption(options);
    client = await connect(options, timeoutMs);
    const { ConsumerGroupsAdmin } = await import('./admin.js');
    await runAction(action, new ConsumerGroupsAdmin(client, timeoutMs), options, STREAMS);
    return 0;
  } catch (e) {
    // Kafka's IllegalArgumentExceptions (bad --topic values, --shift-by without a commit...) are usage errors.
    if (e instanceof UsageError) throw e;
    process.stdout.write(`\nError: Executing consumer group command failed due to ${throwableText(e)}\n`);
    if (e instanceof GroupCommandFailure && e.cause instanceof ClientConfigError) process.stderr.write(`Caused by: ${e.cause.message}\n`);
    if (isVerbose(argv) && e instanceof Error && e.stack !== undefined) process.stderr.write(`${e.stack}\n`);
    return 0;
  } finally {
    client?.close();
  }
}

/** --timeout, read as Kafka reads it (`valueOf(timeoutMsOpt).intValue()`) when the first call is made. */
function timeoutOption(options: ParsedOptions): number {
  try {
    const value = options.longValueOf('timeout')!;
    return Math.max(1, Number(BigInt.asIntN(32, BigInt(value))));
  } catch (e) {
    if (e instanceof OptionError) throw new GroupCommandFailure(e.message);
    throw e;
  }
}

/** Admin.create from --command-config and --bootstrap-server; every call is bounded by --timeout. */
async function connect(options: ParsedOptions, timeoutMs: number): Promise<AdminClient> {
  let settings;
  try {
    const props = adminToolProperties(options);
    settings = connectionSettings(props, { clientId: 'adminclient-1', requestTimeoutMs: ADMIN_REQUEST_TIMEOUT_MS });
  } catch (e) {
    // A properties file that cannot be read is reported as is; a bad configuration as Admin.create does.
    if (e instanceof ClientConfigError && e.message.startsWith('java.')) throw new GroupCommandFailure(e.message);
    throw new GroupCommandFailure('Failed to create new KafkaAdminClient', { cause: e });
  }
  const { AdminClient } = await import('../../client/admin-client.js');
  return await AdminClient.connect({ ...settings, connectDeadlineMs: timeoutMs, requestTimeoutMs: Math.min(settings.requestTimeoutMs, timeoutMs) });
}

async function runAction(action: GroupAction, admin: ConsumerGroupsAdmin, options: ParsedOptions, out: GroupOutput): Promise<void> {
  switch (action) {
    case 'list':
      await listGroups(admin, options, out);
      return;
    case 'describe': {
      const { describeGroups } = await import('./describe.js');
      const view = options.has('members') ? 'members' : options.has('state') ? 'state' : 'offsets';
      const json = wantsJson(options);
      const result = await describeGroups(admin, await selectedGroups(admin, options), view, options.has('verbose'), out, json);
      if (json) writeJson(result);
      return;
    }
    case 'delete': {
      const { deleteGroups } = await import('./delete.js');
      await deleteGroups(admin, await selectedGroups(admin, options), out);
      return;
    }
    case 'delete-offsets': {
      const { deleteOffsets } = await import('./delete.js');
      await deleteOffsets(admin, singleGroup(options), options.valuesOf('topic'), out);
      return;
    }
    case 'reset-offsets':
      await resetGroupOffsets(admin, options, out);
      return;
  }
}

async function listGroups(admin: ConsumerGroupsAdmin, options: ParsedOptions, out: GroupOutput): Promise<void> {
  const includeType = options.has('type');
  const includeState = options.has('state');
  if (wantsJson(options)) {
    const listings = await wrapping(admin.listConsumerGroups(...(await listFilters(options))));
    const result: GroupListResult = { groups: listings.map((l) => ({ groupId: l.groupId, type: l.type, state: l.state })) };
    writeJson(result);
    return;
  }
  if (!includeType && !includeState) {
    for (const g of await wrapping(admin.listConsumerGroups())) out.stdout(`${g.groupId}\n`);
    return;
  }
  const typeValue = options.valueOf('type');
  const types = typeValue === undefined || typeValue === '' ? [] : parseTypeFilter(typeValue);
  const stateValue = options.valueOf('state');
  const states = stateValue === undefined || stateValue === '' ? [] : parseStateFilter(stateValue);
  const listings = await admin.listConsumerGroups(states, types);
  out.stdout(formatGroupListing(listings.map((l) => ({ groupId: l.groupId, type: l.type, state: l.state })), includeType, includeState));
}

/** The --state and --type filters of --list (empty: no filter). */
async function listFilters(options: ParsedOptions): Promise<[string[], string[]]> {
  const typeValue = options.has('type') ? options.valueOf('type') : undefined;
  const stateValue = options.has('state') ? options.valueOf('state') : undefined;
  return [
    stateValue === undefined || stateValue === '' ? [] : parseStateFilter(stateValue),
    typeValue === undefined || typeValue === '' ? [] : parseTypeFilter(typeValue),
  ];
}

/** --all-groups (every consumer group the cluster lists) or the --group values. */
async function selectedGroups(admin: ConsumerGroupsAdmin, options: ParsedOptions): Promise<string[]> {
  if (!options.has('all-groups')) return options.valuesOf('group');
  return (await wrapping(admin.listConsumerGroups())).map((g) => g.groupId);
}

/** --delete-offsets acts on one group: a repeated --group is jopt's "multiple arguments" failure. */
function singleGroup(options: ParsedOptions): string {
  try {
    return options.valueOf('group')!;
  } catch (e) {
    if (e instanceof OptionError) throw new GroupCommandFailure(e.message);
    throw e;
  }
}

async function resetGroupOffsets(admin: ConsumerGroupsAdmin, options: ParsedOptions, out: GroupOutput): Promise<void> {
  const [{ resetOffsets }, { createLogger }, { formatResetPlan }, { exportResetPlan }] = await Promise.all([
    import('./reset.js'),
    import('../../broker/logger.js'),
    import('./format.js'),
    import('./csv.js'),
  ]);
  const logger = createLogger(LOGGER_NAME, 'WARN', out.stderr);
  const plan = await resetOffsets(admin, await selectedGroups(admin, options), options, { stdout: out.stdout, warn: (m) => logger.warn(m) });
  if (options.has('export')) out.stdout(`${exportResetPlan(plan, options.valuesOf('group').length !== 1)}\n`);
  else out.stdout(formatResetPlan(plan));
}
