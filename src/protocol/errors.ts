// Kafka error codes and the one error type every layer throws and catches: KafkaError carries
// the code, Kafka's name for it, whether it is retriable and a default message, all read from the
// generated table (errors.tsv). The broker answers a thrown KafkaError with its own code, anything
// else with UNKNOWN_SERVER_ERROR (Kafka's Errors.forException).
import { ERROR_INFO, ErrorCode, type ErrorInfo } from './generated/error-codes.js';

export { ErrorCode, ERROR_INFO, type ErrorInfo };

const BY_CODE = new Map<number, ErrorInfo>(ERROR_INFO.map((e) => [e.code, e]));

/** Kafka's name for an error code (`UNKNOWN_TOPIC_OR_PARTITION`), or `UNKNOWN_ERROR_CODE_<n>`. */
export function errorName(code: number): string {
  return BY_CODE.get(code)?.name ?? `UNKNOWN_ERROR_CODE_${code}`;
}

/** A one-line description of an error code. */
export function errorMessage(code: number): string {
  return BY_CODE.get(code)?.message ?? `Unknown error code ${code}`;
}

/** Whether Kafka marks the error as retriable (a RetriableException subclass). */
export function isRetriable(code: number): boolean {
  return BY_CODE.get(code)?.retriable ?? false;
}

/**
 * An error with a Kafka error code. `name` is Kafka's name for the code unless a subclass names
 * itself; `message` defaults to the table's description of the code.
 */
export class KafkaError extends Error {
  readonly code: number;
  /** Kafka's name for the code (`RECORD_LIST_TOO_LARGE`), whatever the class is called. */
  readonly errorName: string;
  readonly retriable: boolean;
  /**
   * The message given at construction, or null when the code's default was used. Kafka's
   * ApiError sends only such a specific message on the wire, never the generic one.
   */
  readonly detail: string | null;

  constructor(code: number, message?: string | null, options?: { cause?: unknown }) {
    super(message ?? errorMessage(code), options);
    this.code = code;
    this.errorName = errorName(code);
    this.retriable = isRetriable(code);
    this.detail = message ?? null;
    this.name = this.errorName;
  }
}

/**
 * Malformed or unsupported bytes on the wire: truncated frames, bad lengths, nulls where the
 * schema forbids them, versions the schema does not define. The code is the Kafka error a broker
 * would report for it (Java closes the connection for an unparseable request).
 */
export class ProtocolError extends KafkaError {
  constructor(message: string, code: number = ErrorCode.INVALID_REQUEST) {
    super(code, message);
    this.name = 'ProtocolError';
  }
}

/**
 * Kafka's Errors.forException: a KafkaError keeps its code, anything else is an
 * UNKNOWN_SERVER_ERROR (whose message Kafka never sends: it may leak internals).
 */
export function asKafkaError(e: unknown): KafkaError {
  if (e instanceof KafkaError) return e;
  return new KafkaError(ErrorCode.UNKNOWN_SERVER_ERROR, null, { cause: e });
}
