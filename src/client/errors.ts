// Errors every kt client path shares (kt topics' admin client and the lean load-generator client).
import { KafkaError } from '../protocol/errors.js';

/**
 * A Kafka error code answered by the broker (or a version it cannot serve): the protocol layer's
 * KafkaError, named as Kafka names the code (`TOPIC_ALREADY_EXISTS`). It is a subclass so that the
 * tools, which print broker answers as Java exceptions, do not mistake other KafkaErrors (a
 * response kt cannot decode is a ProtocolError) for one.
 */
export class KafkaApiError extends KafkaError {
  constructor(code: number, message: string) {
    super(code, message);
  }
}

/** No bootstrap server could be reached within the connect deadline. */
export class ClusterUnreachableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClusterUnreachableError';
  }
}
