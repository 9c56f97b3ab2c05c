// Two small replacements inside kafkajs 2.2.4 (its last release), installed into Node's module
// cache before kafkajs loads:
//  * the record encoder, which throws on a null header value (it sizes headers with
//    Buffer.byteLength(null)) and only takes headers as an object, losing their order;
//  * the record decoder, which folds headers into an object, losing order and interleaving.
// Kafka keeps headers as an ordered list with nullable values; the console tools print and
// send them that way. Both replacements accept and return kafkajs's usual shapes as well, and
// carry the ordered list under ORDERED_HEADERS.
import Module, { createRequire } from 'node:module';

/** Ordered record headers, as Kafka keeps them: [key, value-or-null] pairs. */
export type OrderedHeaders = Array<[string, Buffer | null]>;

/** Property under which kt passes and receives ordered headers through kafkajs. */
export const ORDERED_HEADERS: unique symbol = Symbol.for('kt.orderedHeaders');

const INSTALLED = Symbol.for('kt.kafkajsShim');

interface KafkajsEncoder {
  writeVarInt(v: number): KafkajsEncoder;
  writeInt8(v: number): KafkajsEncoder;
  writeVarLong(v: unknown): KafkajsEncoder;
  writeVarIntBytes(v: unknown): KafkajsEncoder;
  writeVarIntString(v: string): KafkajsEncoder;
  writeVarIntArray(v: KafkajsEncoder[]): KafkajsEncoder;
}

interface KafkajsDecoder {
  readInt8(): number;
  readVarInt(): number;
  readVarLong(): { value: bigint };
  readVarIntBytes(): Buffer | null;
  readVarIntString(): string | null;
  readVarIntArray<T>(reader: (d: KafkajsDecoder) => T): T[];
}

type EncoderClass = (new () => KafkajsEncoder) & { sizeOfVarInt(n: number): number; sizeOfVarLong(n: unknown): number };

const require = createRequire(import.meta.url);

/** Installs both replacements; must run before kafkajs is first loaded. Idempotent. */
export function installKafkajsShims(): void {
  replaceModule('kafkajs/src/protocol/recordBatch/record/v0/index.js', createRecordEncoder());
  replaceModule('kafkajs/src/protocol/recordBatch/record/v0/decoder.js', createRecordDecoder());
}

function replaceModule(specifier: string, exports: object): void {
  const path = require.resolve(specifier);
  const cached = require.cache[path];
  if (cached !== undefined && (cached.exports as Record<symbol, unknown>)[INSTALLED] === true) return;
  (exports as Record<symbol, unknown>)[INSTALLED] = true;
  const mod = new Module(path);
  mod.filename = path;
  mod.loaded = true;
  mod.exports = exports;
  require.cache[path] = mod;
}

type HeaderValue = Buffer | string | null | undefined;
type HeaderInput = Record<string, HeaderValue | HeaderValue[]> & { [ORDERED_HEADERS]?: OrderedHeaders };

function headerList(headers: HeaderInput): Array<{ key: string; value: HeaderValue }> {
  const ordered = headers[ORDERED_HEADERS];
  if (ordered !== undefined) return ordered.map(([key, value]) => ({ key, value }));
  return Object.keys(headers).flatMap((key) => {
    const v = headers[key];
    return Array.isArray(v) ? v.map((value) => ({ key, value })) : [{ key, value: v }];
  });
}

function createRecordEncoder(): (record: Record<string, unknown>) => KafkajsEncoder {
  const Encoder = require('kafkajs/src/protocol/encoder.js') as EncoderClass;
  const bytesSize = (v: HeaderValue): number => {
    if (v === null || v === undefined) return Encoder.sizeOfVarInt(-1);
    const n = Buffer.isBuffer(v) ? v.length : Buffer.byteLength(String(v));
    return Encoder.sizeOfVarInt(n) + n;
  };
  return ({ offsetDelta = 0, timestampDelta = 0, key, value, headers = {} }) => {
    const list = headerList(headers as HeaderInput);
    let size = 1 + Encoder.sizeOfVarLong(timestampDelta) + Encoder.sizeOfVarInt(offsetDelta as number);
    size += bytesSize(key as HeaderValue) + bytesSize(value as HeaderValue) + Encoder.sizeOfVarInt(list.length);
    for (const h of list) {
      const keySize = Buffer.byteLength(h.key);
      size += Encoder.sizeOfVarInt(keySize) + keySize + bytesSize(h.value);
    }
    return new Encoder()
      .writeVarInt(size)
      .writeInt8(0)
      .writeVarLong(timestampDelta)
      .writeVarInt(offsetDelta as number)
      .writeVarIntBytes(key)
      .writeVarIntBytes(value)
      .writeVarIntArray(list.map((h) => new Encoder().writeVarIntString(h.key).writeVarIntBytes(h.value)));
  };
}

interface BatchContext {
  firstOffset: string;
  firstTimestamp: string;
  magicByte?: number;
  isControlBatch?: boolean;
  timestampType?: number;
  maxTimestamp?: string;
}

const LOG_APPEND_TIME = 1;

function createRecordDecoder(): (decoder: KafkajsDecoder, batchContext?: BatchContext) => Record<string | symbol, unknown> {
  return (decoder, batchContext = { firstOffset: '0', firstTimestamp: '0' }) => {
    const { firstOffset, firstTimestamp, magicByte, isControlBatch = false, timestampType, maxTimestamp } = batchContext;
    const attributes = decoder.readInt8();
    const timestampDelta = decoder.readVarLong().value;
    const timestamp =
      timestampType === LOG_APPEND_TIME && maxTimestamp ? maxTimestamp : (BigInt(firstTimestamp) + timestampDelta).toString();
    const offset = (BigInt(firstOffset) + BigInt(decoder.readVarInt())).toString();
    const key = decoder.readVarIntBytes();
    const value = decoder.readVarIntBytes();
    const ordered: OrderedHeaders = decoder.readVarIntArray((d) => [d.readVarIntString() ?? '', d.readVarIntBytes()] as [string, Buffer | null]);
    // kafkajs's own shape: one property per key, an array for repeated keys.
    const headers: Record<string, Buffer | null | Array<Buffer | null>> = {};
    for (const [k, v] of ordered) {
      const prev = headers[k];
      headers[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
    }
    return {
      magicByte,
      attributes,
      timestamp,
      offset,
      key,
      value,
      headers,
      [ORDERED_HEADERS]: ordered,
      isControlRecord: isControlBatch,
      batchContext,
    };
  };
}
