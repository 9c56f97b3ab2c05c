// The exceptions the Java producer hands to a record's callback, by class and message, so the
// tools print them as Kafka does (`<class>: <message>`) and verifiable-producer can report
// `class <class>`.
import { javaDefaultMessage, javaExceptionClass } from '../protocol/java-errors.js';

const ERRORS = 'org.apache.kafka.common.errors.';

export class ProducerRecordError extends Error {
  constructor(
    /** Java's fully qualified exception class. */
    readonly javaClass: string,
    message: string,
    /** The Kafka error code behind it, when a broker answered one. */
    readonly code?: number,
  ) {
    super(message);
    this.name = javaClass.slice(javaClass.lastIndexOf('.') + 1);
  }

  /** Throwable.toString(). */
  override toString(): string {
    return `${this.javaClass}: ${this.message}`;
  }

  /** `Errors.forCode(code).exception(message)`. */
  static fromCode(code: number, brokerMessage?: string | null): ProducerRecordError {
    const message = brokerMessage === null || brokerMessage === undefined || brokerMessage === '' ? javaDefaultMessage(code) : brokerMessage;
    return new ProducerRecordError(javaExceptionClass(code), message, code);
  }

  /** KafkaProducer.ensureValidRecordSize, max.request.size. */
  static tooLargeForRequest(size: number, maxRequestSize: number): ProducerRecordError {
    return new ProducerRecordError(
      `${ERRORS}RecordTooLargeException`,
      `The message is ${size} bytes when serialized which is larger than ${maxRequestSize}, which is the value of the max.request.size configuration.`,
    );
  }

  /** KafkaProducer.ensureValidRecordSize, buffer.memory. */
  static tooLargeForBuffer(size: number): ProducerRecordError {
    return new ProducerRecordError(
      `${ERRORS}RecordTooLargeException`,
      `The message is ${size} bytes when serialized which is larger than the total memory buffer you have configured with the buffer.memory configuration.`,
    );
  }

  /** KafkaProducer.waitOnMetadata giving up after max.block.ms. */
  static topicNotPresent(topic: string, maxBlockMs: number): ProducerRecordError {
    return new ProducerRecordError(`${ERRORS}TimeoutException`, `Topic ${topic} not present in metadata after ${maxBlockMs} ms.`);
  }

  /** RecordAccumulator's expiry of a batch after delivery.timeout.ms. */
  static expired(count: number, topic: string, partition: number, elapsedMs: number): ProducerRecordError {
    return new ProducerRecordError(`${ERRORS}TimeoutException`, `Expiring ${count} record(s) for ${topic}-${partition}:${elapsedMs} ms has passed since batch creation`);
  }

  /** A lost connection (Java's NetworkException). */
  static network(message: string): ProducerRecordError {
    return new ProducerRecordError(`${ERRORS}NetworkException`, message);
  }

  /** TransactionManager's fatal error for an InitProducerId answer it cannot handle. */
  static initProducerIdFailed(code: number): ProducerRecordError {
    return new ProducerRecordError('org.apache.kafka.common.KafkaException', `Unexpected error in InitProducerIdResponse; ${javaDefaultMessage(code)}`, code);
  }
}
