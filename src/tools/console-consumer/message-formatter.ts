// The console consumer's --formatter classes: Kafka's DefaultMessageFormatter (which fields of a
// record to print and how, from formatter properties), LoggingMessageFormatter (the default
// output; its extra INFO log line is below the tools' WARN log level) and NoOpMessageFormatter.
// Output is bytes: keys, values and header values are copied unmodified unless a deserializer is
// configured, everything else is UTF-8. Formatters write into RecordOutput, from the fetched
// bytes, so the default path allocates nothing per record.
import type { RecordView } from '../../client/record-view.js';
import { createLogger } from '../../broker/logger.js';
import { deserializerFor, type Deserializer } from './format/deserializers.js';
import type { RecordOutput } from './record-output.js';

export type { TimestampTypeName } from '../../client/record-view.js';

/** A formatter configuration problem; the console consumer prints it with the usage. */
export class FormatterConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FormatterConfigError';
  }
}

export interface MessageFormatter {
  /** Writes one record's bytes. */
  writeTo(record: RecordView, out: RecordOutput): void;
}

const PACKAGE = 'org.apache.kafka.tools.consumer.';
export const DEFAULT_MESSAGE_FORMATTER = `${PACKAGE}DefaultMessageFormatter`;
const LOGGING_MESSAGE_FORMATTER = `${PACKAGE}LoggingMessageFormatter`;
const NO_OP_FORMATTER = `${PACKAGE}NoOpMessageFormatter`;

/**
 * Instantiates `--formatter`. Kafka 4 loads the class by name (Class.forName): the pre-3.8
 * `kafka.tools.*` names no longer exist there, so they fail here too, with the class name.
 */
export function createFormatter(className: string, props: ReadonlyMap<string, string>): MessageFormatter {
  if (className === DEFAULT_MESSAGE_FORMATTER || className === LOGGING_MESSAGE_FORMATTER) return new DefaultMessageFormatter(props);
  if (className === NO_OP_FORMATTER) return { writeTo: () => undefined };
  if (className.startsWith(PACKAGE)) throw new FormatterConfigError(`kt does not implement the formatter ${className}; use ${DEFAULT_MESSAGE_FORMATTER}.`);
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
  private readonly keyDeserializer: Deserializer | undefined;
  private readonly valueDeserializer: Deserializer | undefined;
  private readonly headersDeserializer: Deserializer | undefined;
  /** Only the value, raw: the common case, written without a branch per field. */
  private readonly valueOnly: boolean;

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
    this.valueOnly =
      this.printValue && this.valueDeserializer === undefined && !(this.printTimestamp || this.printPartition || this.printOffset || this.printDelivery || this.printEpoch || this.printHeaders || this.printKey);
  }

  writeTo(r: RecordView, out: RecordOutput): void {
    if (this.valueOnly) {
      if (r.valueLength < 0) out.buffer(this.nullLiteral);
      else out.bytes(r.data, r.valueStart, r.valueStart + r.valueLength);
      out.buffer(this.lineSeparator);
      return;
    }
    // After each field: key.separator when a later field is printed, else line.separator.
    const separator = (more: boolean) => out.buffer(more ? this.keySeparator : this.lineSeparator);
    if (this.printTimestamp) {
      out.text(r.timestampType === 'NoTimestampType' ? 'NO_TIMESTAMP' : `${r.timestampType}:${r.timestamp}`);
      separator(this.printPartition || this.printOffset || this.printDelivery || this.printEpoch || this.printHeaders || this.printKey || this.printValue);
    }
    if (this.printPartition) {
      out.text(`Partition:${r.partition}`);
      separator(this.printOffset || this.printDelivery || this.printEpoch || this.printHeaders || this.printKey || this.printValue);
    }
    if (this.printOffset) {
      out.text(`Offset:${r.offset}`);
      separator(this.printDelivery || this.printEpoch || this.printHeaders || this.printKey || this.printValue);
    }
    if (this.printDelivery) {
      // Delivery counts exist only for share consumers.
      out.text('Delivery:NOT_PRESENT');
      separator(this.printEpoch || this.printHeaders || this.printKey || this.printValue);
    }
    if (this.printEpoch) {
      // The console consumer does not pass the leader epoch to its formatter.
      out.text('Epoch:NOT_PRESENT');
      separator(this.printHeaders || this.printKey || this.printValue);
    }
    if (this.printHeaders) {
      const headers = r.headers();
      if (headers.length === 0) out.text('NO_HEADERS');
      for (let i = 0; i < headers.length; i++) {
        const [key, value] = headers[i]!;
        out.text(`${key}:`);
        this.field(out, this.headersDeserializer, value);
        if (i + 1 < headers.length) out.buffer(this.headersSeparator);
      }
      separator(this.printKey || this.printValue);
    }
    if (this.printKey) {
      this.field(out, this.keyDeserializer, r.key());
      separator(this.printValue);
    }
    if (this.printValue) {
      this.field(out, this.valueDeserializer, r.value());
      out.buffer(this.lineSeparator);
    }
  }

  private field(out: RecordOutput, d: Deserializer | undefined, bytes: Buffer | null): void {
    // Kafka hands null to the deserializer as the null literal's bytes.
    const input = bytes ?? this.nullLiteral;
    if (d === undefined) out.buffer(input);
    else out.text(d(input));
  }
}

/** A deserializer property; a class kt does not know is logged and ignored, as Kafka does. */
function deserializer(props: ReadonlyMap<string, string>, name: string): Deserializer | undefined {
  const className = props.get(name);
  if (className === undefined) return undefined;
  const d = deserializerFor(className);
  if (d === undefined) {
    createLogger('org.apache.kafka.tools.consumer.DefaultMessageFormatter', 'ERROR', (line) => process.stderr.write(line)).error(`Unable to instantiate a deserializer from ${className}`);
    process.stderr.write(`java.lang.ClassNotFoundException: ${className}\n`);
  }
  return d;
}
