// --delete (whole groups) and --delete-offsets (a group's committed offsets for some topics), with
// ConsumerGroupService's messages. Results are kept in Java HashMaps there, hence the hash order.
import { ErrorCode, errorName } from '../../protocol/errors.js';
import type { ConsumerGroupsAdmin } from './admin.js';
import { javaExceptionText, throwableText } from './errors.js';
import { formatDeleteOffsets, type DeleteOffsetsRow } from './format.js';
import { parseTopicWithPartitions } from './input.js';
import { partitionMapOrder, stringMapOrder, tpKey, type TopicPartition } from './order.js';
import type { GroupOutput } from './describe.js';

/** deleteGroups: the success line, or the failures (and then the groups that did go). */
export async function deleteGroups(admin: ConsumerGroupsAdmin, groupIds: readonly string[], out: GroupOutput): Promise<void> {
  const results = await admin.deleteGroups(groupIds);
  const order = stringMapOrder([...results.keys()]);
  const succeeded = order.filter((g) => results.get(g) === ErrorCode.NONE);
  const failed = order.filter((g) => results.get(g) !== ErrorCode.NONE);
  out.stdout(formatDeleteGroupsResult(succeeded, failed.map((g) => [g, results.get(g)!])));
}

/** The --delete report; names are quoted and joined exactly as this Kafka build does. */
export function formatDeleteGroupsResult(succeeded: readonly string[], failed: ReadonlyArray<readonly [string, number]>): string {
  if (failed.length === 0) return `Deletion of requested consumer groups ('${succeeded.join(', ')}') was successful.\n`;
  let out = '\nError: Deletion of some consumer groups failed:\n';
  for (const [group, code] of failed) {
    out += `* Group '${group}' could not be deleted due to: java.util.concurrent.ExecutionException: ${javaExceptionText(code)}\n`;
  }
  if (succeeded.length > 0) out += `\nThese consumer groups were deleted successfully: '${succeeded.join("'")}', '\n`;
  return out;
}

/** Top-level errors deleteOffsets names; anything else is "unknown". */
const TOP_LEVEL_MESSAGES: Readonly<Record<number, (group: string) => string>> = {
  [ErrorCode.INVALID_GROUP_ID]: (g) => `'${g}' is not valid.`,
  [ErrorCode.GROUP_ID_NOT_FOUND]: (g) => `'${g}' does not exist.`,
  [ErrorCode.GROUP_AUTHORIZATION_FAILED]: (g) => `Access to '${g}' is not authorized.`,
  [ErrorCode.NON_EMPTY_GROUP]: (g) => `Deleting offsets of a consumer group '${g}' is forbidden if the group is not empty.`,
  [ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC]: () => 'Encounter some partition level error, see the follow-up details:',
  [ErrorCode.TOPIC_AUTHORIZATION_FAILED]: () => 'Encounter some partition level error, see the follow-up details:',
  [ErrorCode.UNKNOWN_TOPIC_OR_PARTITION]: () => 'Encounter some partition level error, see the follow-up details:',
};

/** deleteOffsets: partitions from `topic` (looked up) or `topic:p,...`, one OffsetDelete, the report. */
export async function deleteOffsets(admin: ConsumerGroupsAdmin, groupId: string, topicArgs: readonly string[], out: GroupOutput): Promise<void> {
  const rows: DeleteOffsetsRow[] = [];
  const explicit = topicArgs.filter((t) => t.includes(':')).flatMap((t) => parseTopicWithPartitions(t));
  const wholeTopics = [...new Set(topicArgs.filter((t) => !t.includes(':')))];
  const described = await admin.topicPartitions(wholeTopics);
  const partitions: TopicPartition[] = [...explicit];
  for (const topic of wholeTopics) {
    const found = described.get(topic);
    if (found instanceof Error) rows.push({ topic, partition: -1, error: throwableText(found) });
    else partitions.push(...(found ?? []));
  }
  const unique = partitionMapOrder([...new Map(partitions.map((tp) => [tpKey(tp), tp])).values()]);

  const result = await admin.deleteOffsets(groupId, unique);
  // A group-level error fails every partition; otherwise each has its own result.
  const errorOf = (tp: TopicPartition) => (result.errorCode !== ErrorCode.NONE ? result.errorCode : result.partitions.get(tpKey(tp)));
  const codes = unique.map(errorOf);
  const firstFailure = codes.findIndex((code) => code !== ErrorCode.NONE);
  // Errors.forException of the first failed partition; a partition missing from the answer is an IllegalArgumentException.
  const topLevel = firstFailure < 0 ? ErrorCode.NONE : (codes[firstFailure] ?? ErrorCode.UNKNOWN_SERVER_ERROR);

  if (topLevel === ErrorCode.NONE) out.stdout(`Request succeed for deleting offsets with topic ${topicArgs.join(', ')} group ${groupId}\n`);
  else out.stdout(`\nError: ${TOP_LEVEL_MESSAGES[topLevel]?.(groupId) ?? `Encounter some unknown error: ${errorName(topLevel)}`}\n`);

  for (const tp of unique) {
    const code = errorOf(tp);
    const error =
      code === undefined
        ? `java.lang.IllegalArgumentException: Offset deletion result for partition "${tp.topic}-${tp.partition}" was not included in the response`
        : code === ErrorCode.NONE
          ? null
          : javaExceptionText(code);
    rows.push({ ...tp, error });
  }
  out.stdout(formatDeleteOffsets(rows));
}
