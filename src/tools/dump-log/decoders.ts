// DumpLogSegments' message parsers for --print-data-log: the Decoder classes given by
// --key-decoder-class/--value-decoder-class, and the decoders of the internal topics.
import { JavaException } from './java.js';
import type { ParserChoice } from './options.js';
import { parseOffsetsRecord } from './offsets-decoder.js';
import type { DumpRecord } from './records.js';
import { parseTransactionLogRecord } from './transaction-decoder.js';

/** What a parser makes of a record: the texts printed after `key:` and `payload:`, each optional. */
export interface ParseResult {
  readonly key: string | null;
  readonly payload: string | null;
}

export type MessageParser = (record: DumpRecord) => ParseResult;

type Decoder = (bytes: Buffer) => string;

const TOOLS_API = 'org.apache.kafka.tools.api.';
const DEPRECATED = 'kafka.serializer.';
const DECODERS: Readonly<Record<string, () => Decoder>> = {
  StringDecoder: () => (bytes) => bytes.toString('utf8'),
  IntegerDecoder: () => (bytes) => String(readOrUnderflow(bytes, 4, () => bytes.readInt32BE(0))),
  LongDecoder: () => (bytes) => String(readOrUnderflow(bytes, 8, () => bytes.readBigInt64BE(0))),
  // DefaultDecoder hands back the byte[] itself, which Scala prints as Java's array identity.
  DefaultDecoder: () => {
    let identity = 0x1b6d3586;
    return () => {
      identity = (identity + 0x9e3779b9) >>> 0;
      return `[B@${identity.toString(16)}`;
    };
  },
};

function readOrUnderflow<T>(bytes: Buffer, size: number, read: () => T): T {
  if (bytes.length < size) throw new JavaException('java.nio.BufferUnderflowException');
  return read();
}

/**
 * Builds the parser (DumpLogSegmentsOptions.messageParser). Kafka builds it for every .log file
 * it dumps, printing a notice on stdout for each deprecated kafka.serializer decoder name.
 */
export function buildMessageParser(choice: ParserChoice, println: (line: string) => void): MessageParser {
  switch (choice.kind) {
    case 'offsets':
      return parseOffsetsRecord;
    case 'transaction-log':
      return parseTransactionLogRecord;
    case 'cluster-metadata':
      // No keys for metadata records; kt has no schemas for KRaft's metadata records.
      return (r) => ({ key: null, payload: `Error at ${r.offset}, skipping. kt does not decode KRaft cluster metadata records` });
    case 'remote-log-metadata':
      return (r) => ({ key: null, payload: `Error at offset ${r.offset}, skipping. kt does not decode remote log metadata records` });
    case 'share-group-state':
      return parseShareGroupStateRecord;
    case 'decoders': {
      const valueDecoder = newDecoder(choice.valueDecoder, println);
      const keyDecoder = newDecoder(choice.keyDecoder, println);
      return (r) => ({ key: r.key === null ? null : keyDecoder(r.key), payload: r.value === null ? null : valueDecoder(r.value) });
    }
  }
}

function newDecoder(className: string, println: (line: string) => void): Decoder {
  let simpleName: string | undefined;
  if (className.startsWith(TOOLS_API)) simpleName = className.slice(TOOLS_API.length);
  else if (className.startsWith(DEPRECATED) && Object.hasOwn(DECODERS, className.slice(DEPRECATED.length))) {
    simpleName = className.slice(DEPRECATED.length);
    println(`${className} is deprecated. Please use ${TOOLS_API}${simpleName} instead`);
  }
  const factory = simpleName !== undefined && Object.hasOwn(DECODERS, simpleName) ? DECODERS[simpleName] : undefined;
  if (factory === undefined) throw new JavaException('java.lang.ClassNotFoundException', className);
  return factory();
}

/** __share_group_state: kt has none of its record schemas, so every type is unknown to it. */
function parseShareGroupStateRecord(record: DumpRecord): ParseResult {
  if (record.key === null) {
    throw new JavaException('java.lang.RuntimeException', `Failed to decode message at offset ${record.offset} using share group state decoder (message had a missing key)`);
  }
  if (record.key.length < 2) return { key: `Error at offset ${record.offset}, skipping. Could not read version from key's buffer.`, payload: null };
  return { key: `Unknown record type ${record.key.readInt16BE(0)} at offset ${record.offset}, skipping.`, payload: null };
}
