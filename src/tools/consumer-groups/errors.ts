// How kafka-consumer-groups words failures. Its runtime errors are Java exceptions printed with
// toString() (`<class>: <message>`), often inside an ExecutionException or a RuntimeException
// wrapper depending on where the Admin call failed; kt reproduces those texts.
import { KafkaApiError } from '../../client/errors.js';
import { javaExceptionText } from '../../java-compat/java-exceptions.js';

export { javaExceptionText };

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
