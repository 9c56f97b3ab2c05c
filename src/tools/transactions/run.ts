// kt transactions = kafka-transactions.sh (TransactionsCommand): list, describe,
// describe-producers, abort (by --start-offset, or by producer id, epoch and coordinator epoch)
// and find-hanging, with Kafka's tables, failure lines (`<context>: <cause>. Enable debug logging
// for additional detail.` on stderr, exit 1) and exit codes. --json prints the typed result.
import type { AdminClient } from '../../client/admin-client.js';
import type { AbortTransactionSpec, ProducerState, TopicPartition } from '../../client/admin/transactions.js';
import { KafkaApiError } from '../../client/errors.js';
import { formatJson, jsonRequested } from '../../cli/json.js';
import type { Value4j } from '../../java-compat/argparse4j-subcommands.js';
import { capacityAfterPuts, iterationOrderBy, topicPartitionHashCode } from '../../java-compat/java-hash-order.js';
import { runAdminTool } from '../admin-common/argparse4j-tool.js';
import { TRANSACTIONS_PARSER } from './options.js';
import {
  describeTable,
  describedProducers,
  describedTransaction,
  hangingTable,
  listTable,
  listedTransactions,
  producersTable,
  type HangingTransaction,
} from './format.js';

/** TransactionsCommand.printErrorAndExit: the line alone on stderr, exit 1. */
class ExitError extends Error {}

/** printErrorAndExit(message, cause): Kafka's line naming what failed and why. */
function failure(context: string, cause: unknown): ExitError {
  const why = cause instanceof Error ? cause.message : String(cause);
  return new ExitError(`${context}: ${why}. Enable debug logging for additional detail.`);
}

/** Java's exception text for what is not one of the tool's own lines. */
function failureText(e: unknown): string {
  if (e instanceof ExitError) return e.message;
  return e instanceof Error ? e.message : String(e);
}

const tpText = (tp: TopicPartition): string => `${tp.topic}-${tp.partition}`;

interface Run {
  readonly values: ReadonlyMap<string, Value4j>;
  readonly client: AdminClient;
  readonly json: boolean;
  write(text: string, value: unknown): void;
}

export async function runTransactions(argv: readonly string[]): Promise<number> {
  const json = jsonRequested(argv);
  const tool = { parser: TRANSACTIONS_PARSER, helpExitCode: 1, configDest: 'command_config', failureText };
  return runAdminTool(
    argv.filter((a) => a !== '--json'),
    tool,
    async ({ command, values, configFile, connect }) => {
      if (configFile !== undefined) {
        // Admin.create reads the properties file first: Kafka names that failure (Utils.loadProps' IOException message is the path).
        const { loadPropertiesFile } = await import('../../cli/client-config.js');
        try {
          loadPropertiesFile(configFile);
        } catch (e) {
          throw failure('Failed to load admin client properties', new Error((e as Error).message.replace(/^java\.nio\.file\.\w+: /, '')));
        }
      }
      const client = await connect();
      const run: Run = { values, client, json, write: (text, value) => process.stdout.write(json ? formatJson(value) : text) };
      switch (command) {
        case 'list':
          await list(run);
          break;
        case 'describe':
          await describe(run);
          break;
        case 'describe-producers':
          await describeProducersCommand(run);
          break;
        case 'abort':
          await abort(run);
          break;
        case 'find-hanging':
          await findHanging(run);
          break;
        default:
          throw new ExitError(`Unexpected command ${command}`);
      }
      return 0;
    },
  );
}

async function list({ values, client, write }: Run): Promise<void> {
  const { listTransactions } = await import('../../client/admin/transactions.js');
  const duration = values.get('duration_filter') as number | undefined;
  let byBroker;
  try {
    byBroker = await listTransactions(client, duration === undefined ? {} : { durationFilterMs: BigInt(duration) });
  } catch (e) {
    throw failure('Failed to list transactions', e);
  }
  const rows = listedTransactions(byBroker);
  write(listTable(rows), { transactions: rows });
}

async function describe({ values, client, write }: Run): Promise<void> {
  const { describeTransaction } = await import('../../client/admin/transactions.js');
  const transactionalId = values.get('transactional_id') as string;
  let description;
  try {
    description = await describeTransaction(client, transactionalId, 60_000);
  } catch (e) {
    throw failure(`Failed to describe transaction state of transactional-id \`${transactionalId}\``, e);
  }
  const result = describedTransaction(transactionalId, description, Date.now());
  write(describeTable(result), result);
}

async function describeProducersCommand({ values, client, write }: Run): Promise<void> {
  const { describeProducers } = await import('../../client/admin/transactions.js');
  const tp = { topic: values.get('topic') as string, partition: values.get('partition') as number };
  const brokerId = values.get('broker_id') as number | undefined;
  let result;
  try {
    result = (await describeProducers(client, [tp], brokerId)).get(tpText(tp));
  } catch (e) {
    result = e;
  }
  if (!Array.isArray(result)) {
    throw failure(`Failed to describe producers for partition ${tpText(tp)} on ${brokerId === undefined ? 'leader' : `broker ${brokerId}`}`, result);
  }
  const rows = describedProducers(result);
  write(producersTable(rows), { producers: rows });
}

async function abort({ values, client }: Run): Promise<void> {
  const { abortTransaction, abortSpecText, describeProducers } = await import('../../client/admin/transactions.js');
  const tp = { topic: values.get('topic') as string, partition: values.get('partition') as number };
  const startOffset = values.get('start_offset') as number | undefined;
  const producerId = values.get('producer_id') as number | undefined;
  if (startOffset === undefined && producerId === undefined) {
    throw new ExitError(
      'The transaction to abort must be identified either with --start-offset (for brokers on 3.0 or above) or with --producer-id, --producer-epoch, and --coordinator-epoch (for older brokers)',
    );
  }
  let spec: AbortTransactionSpec;
  if (startOffset === undefined) {
    const producerEpoch = values.get('producer_epoch') as number | undefined;
    if (producerEpoch === undefined) throw new ExitError('Missing required argument --producer-epoch');
    const coordinatorEpoch = values.get('coordinator_epoch') as number | undefined;
    if (coordinatorEpoch === undefined) throw new ExitError('Missing required argument --coordinator-epoch');
    // A transaction hanging before its first marker has coordinator epoch -1 in DescribeProducers:
    // Kafka uses 0, which no leader epoch is below.
    spec = { topicPartition: tp, producerId: BigInt(producerId!), producerEpoch, coordinatorEpoch: Math.max(coordinatorEpoch, 0) };
  } else {
    let producers;
    try {
      producers = (await describeProducers(client, [tp])).get(tpText(tp));
    } catch (e) {
      producers = e;
    }
    if (!Array.isArray(producers)) throw failure(`Failed to validate producer state for partition ${tpText(tp)}`, producers);
    const found = (producers as ProducerState[]).find((p) => p.currentTransactionStartOffset === BigInt(startOffset));
    if (found === undefined) throw new ExitError(`Could not find any open transactions starting at offset ${startOffset} on partition ${tpText(tp)}`);
    spec = { topicPartition: tp, producerId: found.producerId, producerEpoch: found.producerEpoch, coordinatorEpoch: found.coordinatorEpoch ?? 0 };
  }
  try {
    await abortTransaction(client, spec);
  } catch (e) {
    throw failure(`Failed to abort transaction ${abortSpecText(spec)}`, e);
  }
}

/**
 * The order of `describeProducers(partitions).all().get()`, which find-hanging walks: the futures
 * map (filled by Collectors.toMap) copied into `new HashMap<>(n)`.
 */
function describeProducersOrder(partitions: readonly TopicPartition[]): TopicPartition[] {
  const hash = (tp: TopicPartition) => topicPartitionHashCode(tp.topic, tp.partition);
  const futures = iterationOrderBy(partitions, hash, capacityAfterPuts(16, partitions.length));
  return iterationOrderBy(futures, hash, capacityAfterPuts(partitions.length, partitions.length));
}

/** Java's Optional<Integer>.toString(), which Kafka's find-hanging failure line prints. */
const optionalText = (v: number | undefined): string => (v === undefined ? 'Optional.empty' : `Optional[${v}]`);

/** Long.hashCode(), for the HashMap<Long, ...> order find-hanging prints in. */
function longHashCode(v: bigint): number {
  const u = BigInt.asUintN(64, v);
  return Number(BigInt.asIntN(32, (u ^ (u >> 32n)) & 0xffffffffn));
}

async function findHanging({ values, client, write }: Run): Promise<void> {
  const admin = await import('../../client/admin/transactions.js');
  const brokerId = values.get('broker_id') as number | undefined;
  const topic = values.get('topic') as string | undefined;
  const partition = values.get('partition') as number | undefined;
  if (topic === undefined && brokerId === undefined) throw new ExitError('The `find-hanging` command requires either --topic or --broker-id to limit the scope of the search');
  if (partition !== undefined && topic === undefined) throw new ExitError('The --partition argument requires --topic to be provided');
  const maxTransactionTimeoutMs = (values.get('max_transaction_timeout') as number) * 60_000;

  const partitions = topic !== undefined && partition !== undefined ? [{ topic, partition }] : await topicPartitionsToSearch(client, topic, brokerId);
  const candidates: Array<{ tp: TopicPartition; state: ProducerState }> = [];
  // Kafka asks about at most 500 partitions per request.
  for (let i = 0; i < partitions.length; i += 500) {
    const batch = partitions.slice(i, i + 500);
    let states;
    try {
      states = await admin.describeProducers(client, batch, brokerId);
    } catch (e) {
      states = e;
    }
    const context = `Failed to describe producers for ${batch.length} partitions on broker ${optionalText(brokerId)}`;
    if (!(states instanceof Map)) throw failure(context, states);
    const now = Date.now();
    for (const tp of describeProducersOrder(batch)) {
      const result = states.get(tpText(tp));
      if (!Array.isArray(result)) throw failure(context, result);
      for (const state of result as ProducerState[]) {
        if (state.currentTransactionStartOffset !== null && BigInt(now) - state.lastTimestamp > BigInt(maxTransactionTimeoutMs)) candidates.push({ tp, state });
      }
    }
  }

  const hanging: Array<{ tp: TopicPartition; state: ProducerState }> = [];
  if (candidates.length > 0) {
    const producerIds = [...new Set(candidates.map((c) => c.state.producerId))];
    let transactionalIds: Map<bigint, string>;
    try {
      const listed = await admin.listTransactions(client, { producerIdFilters: producerIds });
      transactionalIds = new Map([...listed.values()].flat().filter((l) => producerIds.includes(l.producerId)).map((l) => [l.producerId, l.transactionalId]));
    } catch (e) {
      throw failure(`Failed to list transactions for ${producerIds.length} producers`, e);
    }
    const descriptions = new Map<string, Awaited<ReturnType<typeof admin.describeTransaction>> | null>();
    for (const id of new Set(transactionalIds.values())) {
      try {
        descriptions.set(id, await admin.describeTransaction(client, id, 60_000));
      } catch (e) {
        const { ErrorCode } = await import('../../protocol/errors.js');
        if (e instanceof KafkaApiError && e.code === ErrorCode.TRANSACTIONAL_ID_NOT_FOUND) descriptions.set(id, null);
        else throw failure(`Failed to describe ${new Set(transactionalIds.values()).size} transactions`, e);
      }
    }
    // Kafka groups the candidates in a HashMap<Long, List<...>> and walks it in hash order.
    const byProducer = iterationOrderBy(producerIds, longHashCode, capacityAfterPuts(16, producerIds.length));
    for (const producerId of byProducer) {
      const open = candidates.filter((c) => c.state.producerId === producerId);
      const transactionalId = transactionalIds.get(producerId);
      const description = transactionalId === undefined ? null : (descriptions.get(transactionalId) ?? null);
      if (description === null) hanging.push(...open);
      else hanging.push(...open.filter((c) => !description.topicPartitions.some((tp) => tp.topic === c.tp.topic && tp.partition === c.tp.partition)));
    }
  }
  const now = Date.now();
  const rows: HangingTransaction[] = hanging.map(({ tp, state }) => ({
    topic: tp.topic,
    partition: tp.partition,
    producerId: state.producerId,
    producerEpoch: state.producerEpoch,
    coordinatorEpoch: state.coordinatorEpoch,
    startOffset: state.currentTransactionStartOffset ?? -1n,
    lastTimestamp: state.lastTimestamp,
    durationMinutes: Math.trunc((now - Number(state.lastTimestamp)) / 60_000),
  }));
  write(hangingTable(rows), { hangingTransactions: rows });
}

/** The partitions find-hanging looks at: the topic's (or every topic's, internal ones too), on --broker-id's replicas if given. */
async function topicPartitionsToSearch(client: AdminClient, topic: string | undefined, brokerId: number | undefined): Promise<TopicPartition[]> {
  const { ApiKey } = await import('../../protocol/api.js');
  const { ErrorCode } = await import('../../protocol/errors.js');
  const { apiError } = await import('../../client/admin-client.js');
  let topics: string[];
  if (topic !== undefined) {
    topics = [topic];
  } else {
    try {
      const all = await client.send(ApiKey.Metadata, { topics: null, allowAutoTopicCreation: false }, 1);
      // Kafka lists internal topics too (ListTopicsOptions.listInternal(true)).
      topics = all.topics.filter((t) => t.name !== null).map((t) => t.name!);
    } catch (e) {
      throw failure('Failed to list topics', e);
    }
  }
  const found: TopicPartition[] = [];
  for (let i = 0; i < topics.length; i += 500) {
    const batch = topics.slice(i, i + 500);
    try {
      const response = await client.send(ApiKey.Metadata, { topics: batch.map((name) => ({ name })), allowAutoTopicCreation: false }, 1);
      for (const name of batch) {
        const t = response.topics.find((x) => x.name === name);
        if (t === undefined || t.errorCode !== ErrorCode.NONE) throw apiError(t?.errorCode ?? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, null);
        for (const p of [...t.partitions].sort((a, b) => a.partitionIndex - b.partitionIndex)) {
          if (brokerId === undefined || p.replicaNodes.includes(brokerId)) found.push({ topic: name, partition: p.partitionIndex });
        }
      }
    } catch (e) {
      throw failure(`Failed to describe ${batch.length} topics`, e);
    }
  }
  return found;
}
