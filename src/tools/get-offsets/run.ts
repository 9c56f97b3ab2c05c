// kt get-offsets = kafka-get-offsets.sh (GetOffsetShell): `<topic>:<partition>:<offset>` for
// every matching partition, sorted by `<topic>-<partition>` as a string. Failures print
// `Error occurred: <message>` on stderr, exit 1.
import { formatGetOffsets, type GetOffsetsResult, type PartitionOffset } from './result.js';
import { wantsJson, writeJson } from '../../cli/json.js';
import type { AdminClient } from '../../client/admin-client.js';
import { connectionSettings } from '../../client/config.js';
import { adminToolProperties } from '../../cli/client-config.js';
import { filterFromRules, filterFromTopicAndPartitions, parseTimeSpec } from './filter.js';
import { GetOffsetsError, parseGetOffsetsArgs } from './options.js';
import type { ParsedOptions } from '../../java-compat/jopt.js';
import { UsageError, VersionRequested, isVerbose } from '../../cli/tool.js';

const CLIENT_ID = 'GetOffsetShell';

export async function runGetOffsets(argv: readonly string[]): Promise<number> {
  const session: { client?: AdminClient } = {};
  try {
    const options = parseGetOffsetsArgs(argv);
    const result = await fetchOffsets(options, session);
    if (wantsJson(options)) writeJson(result);
    else process.stdout.write(formatGetOffsets(result));
    return 0;
  } catch (e) {
    if (e instanceof UsageError || e instanceof VersionRequested) throw e;
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`Error occurred: ${message}\n`);
    // Java adds the stack trace for everything but its TerseException.
    if (isVerbose(argv) && !(e instanceof GetOffsetsError) && e instanceof Error && e.stack !== undefined) process.stderr.write(`${e.stack}\n`);
    return 1;
  } finally {
    session.client?.close();
  }
}

/** GetOffsetShell.fetchOffsets: the offsets, in Kafka's order. */
async function fetchOffsets(options: ParsedOptions, session: { client?: AdminClient }): Promise<GetOffsetsResult> {
  if (options.has('topic-partitions') && (options.has('topic') || options.has('partitions'))) {
    throw new GetOffsetsError('--topic-partitions cannot be used with --topic or --partitions');
  }
  const excludeInternal = options.has('exclude-internal-topics');
  const timestamp = parseTimeSpec(options.valueOf('time')!);
  const filter = options.has('topic-partitions')
    ? filterFromRules(options.valueOf('topic-partitions')!)
    : filterFromTopicAndPartitions(options.valueOf('topic'), options.valueOf('partitions'));

  const props = adminToolProperties(options);
  props.set('client.id', CLIENT_ID);
  const settings = connectionSettings(props, { clientId: CLIENT_ID, requestTimeoutMs: 30_000 });

  const [{ AdminClient }, { fetchMetadata }, { listOffsets, partitionKey }] = await Promise.all([
    import('../../client/admin-client.js'),
    import('../../client/cluster-metadata.js'),
    import('./admin.js'),
  ]);
  const client = (session.client = await AdminClient.connect(settings));
  const metadata = await fetchMetadata(client, null);
  const partitions = metadata.topics
    .filter((t) => t.errorCode === 0 && !(excludeInternal && t.isInternal) && filter.isTopicAllowed(t.name))
    .flatMap((t) => t.partitions.map((p) => ({ topic: t.name, partition: p.partition })))
    .filter((tp) => filter.isTopicPartitionAllowed(tp.topic, tp.partition))
    .sort((a, b) => compareJavaStrings(partitionKey(a), partitionKey(b)));
  if (partitions.length === 0) throw new GetOffsetsError('Could not match any topic-partitions with the specified filters');

  const results = await listOffsets(client, metadata, partitions, timestamp, settings.requestTimeoutMs);
  const offsets: PartitionOffset[] = [];
  for (const tp of partitions) {
    const result = results.get(partitionKey(tp))!;
    if ('error' in result) {
      process.stderr.write(`Skip getting offsets for topic-partition ${partitionKey(tp)} due to error: ${result.error}\n`);
    } else if (result.offset !== -1n) {
      // ListOffsetsResponse.UNKNOWN_OFFSET (e.g. a timestamp after every record) prints nothing.
      offsets.push({ topic: tp.topic, partition: tp.partition, offset: result.offset });
    }
  }
  return { offsets };
}

/** Java's String.compareTo: UTF-16 code unit order. */
function compareJavaStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
