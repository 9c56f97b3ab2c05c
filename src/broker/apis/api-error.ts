// The error an error answer carries: Kafka's ApiError.fromThrowable. A KafkaError keeps its code
// and its specific message; anything else is UNKNOWN_SERVER_ERROR without a message, so that an
// internal failure never leaks its text to clients.
import { asKafkaError, ErrorCode } from '../../protocol/errors.js';
import { javaDefaultMessage } from '../../protocol/java-errors.js';

export class ApiError {
  private constructor(
    readonly code: number,
    /**
     * The message Kafka's ApiError.message() has: the thrown error's own text, or null for
     * UNKNOWN_SERVER_ERROR and for a text that only repeats the code's default.
     */
    readonly message: string | null,
  ) {}

  static from(e: unknown): ApiError {
    const error = asKafkaError(e);
    const generic = error.code === ErrorCode.UNKNOWN_SERVER_ERROR || error.detail === javaDefaultMessage(error.code);
    return new ApiError(error.code, generic ? null : error.detail);
  }

  /** UNKNOWN_SERVER_ERROR: what a failure to encode a response is answered with, whatever was thrown. */
  static unknownServerError(): ApiError {
    return new ApiError(ErrorCode.UNKNOWN_SERVER_ERROR, null);
  }

  /** Kafka's Errors.message(): the code's default text, which some answers send instead of `message`. */
  get defaultMessage(): string {
    return javaDefaultMessage(this.code);
  }
}
