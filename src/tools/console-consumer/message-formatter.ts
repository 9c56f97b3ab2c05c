// Kafka's DefaultMessageFormatter (the console consumer's default --formatter): which fields of a
// record to print and how, from formatter properties. Output is bytes: keys, values and header
// values are written unmodified, everything else as UTF-8.
import type { OrderedHeaders } from '../console-producer/kafkajs-shims.js';

export type TimestampTypeName = 'CreateTime' | 'LogAppendTime' | 'NoTimestampType';

export interface ConsumedRecord {
  readonly topic: string;
  readonly partition: number;
  /** Offsets and timestamps arrive as decimal strings (int64). */
  readonly offset: string;
  readonly timestamp: string;
  readonly timestampType: TimestampTypeName;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: OrderedHeaders;
}

/** A formatter configuration problem; the console consumer prints it with the usage. */
export class FormatterConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FormatterConfigError';
  }
}

type Deserializer = 'bytes' | 'string';

const STRING_DESERIALIZER = 'org.apache.kafka.common.serialization.StringDeserializer';
const BYTE_ARRAY_DESERIALIZER = 'org.apache.kafka.common.serialization.ByteArrayDeserializer';

export interface MessageFormatter {
  /** Appends the bytes for one record to `out`. */
  writeTo(record: ConsumedRecord, out: Buffer[]): void;
}

export const DEFAULT_MESSAGE_FORMATTER = 'org.apache.kafka.tools.consumer.DefaultMessageFormatter';
const NO_OP_FORMATTER = 'org.apache.kafka.tools.consumer.NoOpMessageFormatter';

/** Instantiates `--formatter` (kt implements the default and the no-op formatter). */
export function createFormatter(className: string, props: ReadonlyMap<string, string>): MessageFormatter {
  if (className === DEFAULT_MESSAGE_FORMATTER) return new DefaultMessageFormatter(props);
  if (className === NO_OP_FORMATTER) return { writeTo: () => undefined };
  if (className.startsWith('org.apache.kafka.tools.consumer.')) {
    throw new FormatterConfigError(`kt does not implement the formatter ${className}; use ${DEFAULT_MESSAGE_FORMATTER}.`);
  }
  // What Class.forName reports for an unknown class.
  throw new FormatterConfigError(className);
}

const isTrue = (v: string | undefined) => v !== undefined && v.trim().toLowerCase() === 'true';
const utf8 = (s: string) => Buffer.from(s, 'utf8');

export class DefaultMessageFormatter implements MessageFormatter {
  private readonly printTimestamp: boolean;
  private readonly printPartition: boolean;
  private readonly printOffset: boolean;
  private readonly printDelivery: boolean;
  private readonly printEpoch: boolean;
  private readonly printHeaders: boolean;
  private readonly printKey: boolean;
  private readonly printValue: boolean;
  private readonly keySeparator: Buffer;
  private readonly lineSeparator: Buffer;
  private readonly headersSeparator: Buffer;
  private readonly nullLiteral: Buffer;
  private readonly keyDeserializer: Deserializer;
  private readonly valueDeserializer: Deserializer;
  private readonly headersDeserializer: Deserializer;

  constructor(props: ReadonlyMap<string, string>) {
    const bool = (name: string, fallback: boolean) => (props.has(name) ? isTrue(props.get(name)) : fallback);
    this.printTimestamp = bool('print.timestamp', false);
    this.printPartition = bool('print.partition', false);
    this.printOffset = bool('print.offset', false);
    this.printDelivery = bool('print.delivery', false);
    this.printEpoch = bool('print.epoch', false);
    this.printHeaders = bool('print.headers', false);
    this.printKey = bool('print.key', false);
    this.printValue = bool('print.value', true);
    this.keySeparator = utf8(props.get('key.separator') ?? '\t');
    this.lineSeparator = utf8(props.get('line.separator') ?? '\n');
    this.headersSeparator = utf8(props.get('headers.separator') ?? ',');
    this.nullLiteral = utf8(props.get('null.literal') ?? 'null');
    this.keyDeserializer = deserializer(props, 'key.deserializer');
    this.valueDeserializer = deserializer(props, 'value.deserializer');
    this.headersDeserializer = deserializer(props, 'headers.deserializer');
  }

  writeTo(r: ConsumedRecord, out: Buffer[]): void {
    // After each field: key.separator when a later field is printed, else line.separator.
    const separator = (more: boolean) => out.push(more ? this.keySeparator : this.lineSeparator);
    if (this.printTimestamp) {
      out.push(utf8(r.timestampType === 'NoTimestampType' ? 'NO_TIMESTAMP' : `${r.timestampType}:${r.timestamp}`));
      separator(this.printPartition || this.printOffset || this.printDelivery || this.printEpoch || this.printHeaders || this.printKey || this.printValue);
    }
    if (this.printPartition) {
      out.push(utf8(`Partition:${r.partition}`));
      separator(this.printOffset || this.printDelivery || this.printEpoch || this.printHeaders || this.printKey || this.printValue);
    }
    if (this.printOffset) {
      out.push(utf8(`Offset:${r.offset}`));
      separator(this.printDelivery || this.printEpoch || this.printHeaders || this.printKey || this.printValue);
    }
    if (this.printDelivery) {
      // Delivery counts exist only for share consumers.
      out.push(utf8('Delivery:NOT_PRESENT'));
      separator(this.printEpoch || this.printHeaders || this.printKey || this.printValue);
    }
    if (this.printEpoch) {
      // The console consumer does not pass the leader epoch to its formatter.
      out.push(utf8('Epoch:NOT_PRESENT'));
      separator(this.printHeaders || this.printKey || this.printValue);
    }
    if (this.printHeaders) {
      if (r.headers.length === 0) out.push(utf8('NO_HEADERS'));
      for (let i = 0; i < r.headers.length; i++) {
        const [key, value] = r.headers[i]!;
        out.push(utf8(`${key}:`), this.deserialize(this.headersDeserializer, value));
        if (i + 1 < r.headers.length) out.push(this.headersSeparator);
      }
      separator(this.printKey || this.printValue);
    }
    if (this.printKey) {
      out.push(this.deserialize(this.keyDeserializer, r.key));
      separator(this.printValue);
    }
    if (this.printValue) {
      out.push(this.deserialize(this.valueDeserializer, r.value), this.lineSeparator);
    }
  }

  private deserialize(d: Deserializer, bytes: Buffer | null): Buffer {
    if (bytes === null) return this.nullLiteral;
    // StringDeserializer decodes UTF-8 and the formatter re-encodes it: invalid sequences become U+FFFD.
    return d === 'string' ? utf8(bytes.toString('utf8')) : bytes;
  }
}

function deserializer(props: ReadonlyMap<string, string>, name: string): Deserializer {
  const className = props.get(name);
  if (className === undefined || className.trim() === '') return 'bytes';
  if (className.trim() === STRING_DESERIALIZER) return 'string';
  if (className.trim() === BYTE_ARRAY_DESERIALIZER) return 'bytes';
  throw new FormatterConfigError(`kt supports only ${STRING_DESERIALIZER} and ${BYTE_ARRAY_DESERIALIZER} for ${name}, not ${className}`);
}
