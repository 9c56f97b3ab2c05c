import { ERROR_INFO, ErrorCode, type ErrorInfo } from './generated/error-codes.js';

export { ErrorCode, ERROR_INFO, type ErrorInfo };

/**
 * Malformed or unsupported bytes on the wire: truncated frames, bad lengths, nulls where the
 * schema forbids them, versions the schema does not define. `errorCode` is the Kafka error a
 * broker would report for it (Java closes the connection for an unparseable request).
 */
export class ProtocolError extends Error {
  constructor(
    message: string,
    readonly errorCode: number = ErrorCode.INVALID_REQUEST,
  ) {
    super(message);
    this.name = 'ProtocolError';
  }
}

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
