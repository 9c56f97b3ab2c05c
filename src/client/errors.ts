// Errors every kt client path shares (kt topics' admin client and the lean load-generator client).
import { errorName } from '../protocol/errors.js';

/** A Kafka error code answered by the broker; the name is Kafka's (`TOPIC_ALREADY_EXISTS`). */
export class KafkaApiError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = errorName(code);
  }
}

/** No bootstrap server could be reached within the connect deadline. */
export class ClusterUnreachableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClusterUnreachableError';
  }
}
