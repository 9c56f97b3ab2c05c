// How kafka-consumer-groups words failures. Its runtime errors are Java exceptions printed with
// toString() (`<class>: <message>`), often inside an ExecutionException or a RuntimeException
// wrapper depending on where the Admin call failed; kt reproduces those texts.
import { KafkaApiError } from '../client/errors.js';
import { errorName } from '../protocol/errors.js';

/** Java exception class and default message (Errors.java) of the codes the group tool meets. */
const JAVA_ERRORS: Readonly<Record<number, readonly [string, string]>> = {
  [-1]: ['UnknownServerException', 'The server experienced an unexpected error when processing the request.'],
  3: ['UnknownTopicOrPartitionException', 'This server does not host this topic-partition.'],
  5: ['LeaderNotAvailableException', 'There is no leader for this topic-partition as we are in the middle of a leadership election.'],
  6: [
    'NotLeaderOrFollowerException',
    'For requests intended only for the leader, this error indicates that the broker is not the current leader. For requests intended for any replica, this error indicates that the broker is not a replica of the topic partition.',
  ],
  7: ['TimeoutException', 'The request timed out.'],
  12: ['OffsetMetadataTooLarge', 'The metadata field of the offset request was too large.'],
  14: ['CoordinatorLoadInProgressException', "The coordinator is loading and hence can't process requests."],
  15: ['CoordinatorNotAvailableException', 'The coordinator is not available.'],
  16: ['NotCoordinatorException', 'This is not the correct coordinator.'],
  17: ['InvalidTopicException', 'The request attempted to perform an operation on an invalid topic.'],
  22: ['IllegalGenerationException', 'Specified group generation id is not valid.'],
  24: ['InvalidGroupIdException', 'The configured groupId is invalid.'],
  25: ['UnknownMemberIdException', 'The coordinator is not aware of this member.'],
  27: ['RebalanceInProgressException', 'The group is rebalancing, so a rejoin is needed.'],
  28: ['InvalidCommitOffsetSizeException', 'The committing offset data size is not valid.'],
  29: ['TopicAuthorizationException', 'Topic authorization failed.'],
  30: ['GroupAuthorizationException', 'Group authorization failed.'],
  35: ['UnsupportedVersionException', 'The version of API is not supported.'],
  42: [
    'InvalidRequestException',
    'This most likely occurs because of a request being malformed by the client library or the message was sent to an incompatible broker. See the broker logs for more details.',
  ],
  68: ['GroupNotEmptyException', 'The group is not empty.'],
  69: ['GroupIdNotFoundException', 'The group id does not exist.'],
  82: [
    'FencedInstanceIdException',
    'The broker rejected this static consumer since another consumer with the same group.instance.id has registered with a different member.id.',
  ],
  86: ['GroupSubscribedToTopicException', 'Deleting offsets of a topic is forbidden while the consumer group is actively subscribed to it.'],
  88: ['UnstableOffsetCommitException', 'There are unstable offsets that need to be cleared.'],
  100: ['UnknownTopicIdException', 'This server does not host this topic ID.'],
};

/** A Kafka error as the Java client's exception: `org.apache.kafka.common.errors.X: message`. */
export function javaExceptionText(code: number, message?: string | null): string {
  const known = JAVA_ERRORS[code];
  const text = message !== undefined && message !== null && message !== '' ? message : (known?.[1] ?? errorName(code));
  return `org.apache.kafka.common.errors.${known?.[0] ?? 'ApiException'}: ${text}`;
}

/** The error a failed Admin future yields: a Kafka error code with its default message. */
export function groupApiError(code: number, message?: string | null): KafkaApiError {
  return new KafkaApiError(code, javaExceptionText(code, message));
}

/** What Throwable.toString() of the failure is (the text Kafka prints for it). */
export function throwableText(e: unknown): string {
  if (e instanceof KafkaApiError) return e.message.startsWith('org.apache.kafka.') ? e.message : javaExceptionText(e.code, e.message);
  return e instanceof Error ? e.message : String(e);
}

/** `future.get()` failed: Java's ExecutionException wraps the cause; toString shows both. */
export function executionExceptionText(e: unknown): string {
  return `java.util.concurrent.ExecutionException: ${throwableText(e)}`;
}

/**
 * A failure whose printed text is already Kafka's: the tool prints
 * `Error: Executing consumer group command failed due to <message>`.
 */
export class GroupCommandFailure extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'GroupCommandFailure';
  }
}

/**
 * The failure of a call Kafka wraps as `new RuntimeException(executionException)`. Failures that
 * are not broker answers (an unreachable cluster) keep kt's own message.
 */
export function wrappedFailure(e: unknown): unknown {
  if (!(e instanceof KafkaApiError)) return e;
  return new GroupCommandFailure(executionExceptionText(e), { cause: e });
}

/** Awaits an Admin call whose failure Kafka reports wrapped (see wrappedFailure). */
export async function wrapping<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (e) {
    throw wrappedFailure(e);
  }
}
