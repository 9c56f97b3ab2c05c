// Kafka's LineMessageReader (the console producer's default --line-reader): configuration from
// reader properties, and the parse of one line into headers, key and value, with Kafka's
// messages. Lines are raw bytes: separators are matched as their UTF-8 bytes, so any byte
// sequence in a key, value or header value reaches the record unchanged.
import { compileJavaRegex, javaSplit } from '../../java-compat/java-regex.js';

/** Kafka throws org.apache.kafka.common.KafkaException for these. */
export class LineReaderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KafkaException';
  }
}

export interface LineReaderConfig {
  readonly parseKey: boolean;
  readonly keySeparator: Buffer;
  readonly parseHeaders: boolean;
  readonly headersDelimiter: Buffer;
  /** headers.separator, a Java regex (global, for splitting). */
  readonly headersSeparator: RegExp;
  /** Split the header section as latin1 text (byte-preserving) rather than UTF-8. */
  readonly headersSplitLatin1: boolean;
  readonly headersKeySeparator: Buffer;
  readonly nullMarker: Buffer | undefined;
  readonly ignoreError: boolean;
}

/** Ordered record headers, as Kafka keeps them: [key, value-or-null] pairs. */
export type OrderedHeaders = Array<[string, Buffer | null]>;

export interface LineRecord {
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: OrderedHeaders;
}

const isTrue = (v: string | undefined) => v !== undefined && v.trim().toLowerCase() === 'true';

/** LineMessageReader.configure. */
export function lineReaderConfig(props: ReadonlyMap<string, string>): LineReaderConfig {
  const keySeparator = props.get('key.separator') ?? '\t';
  const headersDelimiter = props.get('headers.delimiter') ?? '\t';
  const headersSeparator = props.get('headers.separator') ?? ',';
  const headersKeySeparator = props.get('headers.key.separator') ?? ':';
  let pattern: RegExp;
  try {
    pattern = compileJavaRegex(headersSeparator, { global: true });
  } catch {
    throw new LineReaderError(`Invalid regular expression for headers.separator: ${headersSeparator}`);
  }
  if (headersDelimiter === headersSeparator) throw new LineReaderError('headers.delimiter and headers.separator may not be equal');
  if (headersDelimiter === headersKeySeparator) throw new LineReaderError('headers.delimiter and headers.key.separator may not be equal');
  if (headersSeparator === headersKeySeparator) throw new LineReaderError('headers.separator and headers.key.separator may not be equal');
  const nullMarker = props.get('null.marker');
  if (nullMarker !== undefined) {
    if (nullMarker === keySeparator) throw new LineReaderError('null.marker and key.separator may not be equal');
    if (nullMarker === headersSeparator) throw new LineReaderError('null.marker and headers.separator may not be equal');
    if (nullMarker === headersDelimiter) throw new LineReaderError('null.marker and headers.delimiter may not be equal');
    if (nullMarker === headersKeySeparator) throw new LineReaderError('null.marker and headers.key.separator may not be equal');
  }
  return {
    parseKey: isTrue(props.get('parse.key')),
    keySeparator: Buffer.from(keySeparator),
    parseHeaders: isTrue(props.get('parse.headers')),
    headersDelimiter: Buffer.from(headersDelimiter),
    headersSeparator: pattern,
    // An ASCII pattern matches latin1-decoded bytes exactly as it matches the UTF-8 text.
    headersSplitLatin1: /^[\x00-\x7f]*$/.test(headersSeparator),
    headersKeySeparator: Buffer.from(headersKeySeparator),
    nullMarker: nullMarker === undefined ? undefined : Buffer.from(nullMarker),
    ignoreError: isTrue(props.get('ignore.error')),
  };
}

/** Parses one line (terminator removed); `lineNumber` counts from 1. */
export function parseLine(line: Buffer, lineNumber: number, config: LineReaderConfig): LineRecord {
  const headers = section(config.parseHeaders, line, 0, config.headersDelimiter, 'headers delimiter', lineNumber, config);
  const headerOffset = headers === null ? 0 : headers.length + config.headersDelimiter.length;
  const key = section(config.parseKey, line, headerOffset, config.keySeparator, 'key separator', lineNumber, config);
  const keyOffset = key === null ? 0 : key.length + config.keySeparator.length;
  const value = line.subarray(headerOffset + keyOffset);
  return {
    key: key === null || isNullMarker(key, config) ? null : key,
    value: isNullMarker(value, config) ? null : value,
    headers: headers === null || isNullMarker(headers, config) ? [] : splitHeaders(headers, lineNumber, config),
  };
}

function isNullMarker(bytes: Buffer, config: LineReaderConfig): boolean {
  return config.nullMarker !== undefined && bytes.equals(config.nullMarker);
}

function section(
  enabled: boolean,
  line: Buffer,
  start: number,
  demarcation: Buffer,
  name: string,
  lineNumber: number,
  config: LineReaderConfig,
): Buffer | null {
  if (!enabled) return null;
  const index = line.indexOf(demarcation, start);
  if (index === -1) {
    if (config.ignoreError) return null;
    throw new LineReaderError(`No ${name} found on line number ${lineNumber}: '${line.toString('utf8')}'`);
  }
  return line.subarray(start, index);
}

function splitHeaders(headers: Buffer, lineNumber: number, config: LineReaderConfig): OrderedHeaders {
  const encoding = config.headersSplitLatin1 ? 'latin1' : 'utf8';
  const out: OrderedHeaders = [];
  for (const text of javaSplit(headers.toString(encoding), config.headersSeparator)) {
    const pair = Buffer.from(text, encoding);
    const i = pair.indexOf(config.headersKeySeparator);
    if (i === -1) {
      if (config.ignoreError) {
        out.push([pair.toString('utf8'), null]);
        continue;
      }
      throw new LineReaderError(`No header key separator found in pair '${pair.toString('utf8')}' on line number ${lineNumber}`);
    }
    const key = pair.subarray(0, i);
    if (isNullMarker(key, config)) {
      throw new LineReaderError(`Header keys should not be equal to the null marker '${config.nullMarker!.toString('utf8')}' as they can't be null`);
    }
    const value = pair.subarray(i + config.headersKeySeparator.length);
    out.push([key.toString('utf8'), isNullMarker(value, config) ? null : value]);
  }
  return out;
}
