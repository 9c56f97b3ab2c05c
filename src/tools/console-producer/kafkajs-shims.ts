// Small replacements inside kafkajs 2.2.4 (its last release), installed into Node's module
// cache before kafkajs loads:
//  * the grouping of a send's messages by partition, which copies the partition's array for
//    every message (quadratic in the batch size the console producer sends);
//  * the record encoder, which throws on a null header value (it sizes headers with
//    Buffer.byteLength(null)), only takes headers as an object, losing their order, and
//    allocates a zeroed 512-byte buffer per record;
//  * the record decoder, which folds headers into an object, losing order and interleaving.
// Kafka keeps headers as an ordered list with nullable values; the console tools print and
// send them that way. The record shims accept and return kafkajs's usual shapes as well, and
// carry the ordered list under ORDERED_HEADERS.
import Module, { createRequire } from 'node:module';
import { type KafkaRecord, sizeRecord, writeRecord } from '../../protocol/records/record.js';

/** Ordered record headers, as Kafka keeps them: [key, value-or-null] pairs. */
export type OrderedHeaders = Array<[string, Buffer | null]>;

/** Property under which kt passes and receives ordered headers through kafkajs. */
export const ORDERED_HEADERS: unique symbol = Symbol.for('kt.orderedHeaders');

const INSTALLED = Symbol.for('kt.kafkajsShim');

interface KafkajsDecoder {
  readInt8(): number;
  readVarInt(): number;
  readVarLong(): { value: bigint };
  readVarIntBytes(): Buffer | null;
  readVarIntString(): string | null;
  readVarIntArray<T>(reader: (d: KafkajsDecoder) => T): T[];
}

const require = createRequire(import.meta.url);

/** Installs the replacements; must run before kafkajs is first loaded. Idempotent. */
export function installKafkajsShims(): void {
  replaceModule('kafkajs/src/producer/groupMessagesPerPartition.js', groupMessagesPerPartition);
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

interface GroupArgs<M> {
  topic: string;
  partitionMetadata: readonly unknown[];
  messages: readonly M[];
  partitioner: (args: { topic: string; partitionMetadata: readonly unknown[]; message: M }) => number;
}

/** Messages by partition, in send order (kafkajs's shape: an object keyed by partition). */
function groupMessagesPerPartition<M>({ topic, partitionMetadata, messages, partitioner }: GroupArgs<M>): Record<number, M[]> {
  const out: Record<number, M[]> = {};
  if (partitionMetadata.length === 0) return out;
  for (const message of messages) {
    const partition = partitioner({ topic, partitionMetadata, message });
    (out[partition] ??= []).push(message);
  }
  return out;
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

/**
 * Records are encoded with kt's own record writer into one exactly-sized buffer. kafkajs only
 * reads an encoded record through `.buf`/`.buffer` (writeEncoderArray), so that is all this
 * returns, instead of a kafkajs Encoder with its 512-byte zeroed buffer per record.
 */
function createRecordEncoder(): (record: Record<string, unknown>) => { buf: Buffer; buffer: Buffer } {
  return ({ offsetDelta = 0, timestampDelta = 0, key, value, headers = {} }) => {
    const record: KafkaRecord = {
      timestamp: 0,
      key: toBytes(key as HeaderValue),
      value: toBytes(value as HeaderValue),
      headers: headerList(headers as HeaderInput).map((h) => ({ key: h.key, value: toBytes(h.value) })),
    };
    const sized = sizeRecord(record, Number(timestampDelta), offsetDelta as number);
    const buf = Buffer.allocUnsafe(sized.totalSize);
    writeRecord(buf, sized, 0);
    return { buf, buffer: buf };
  };
}

function toBytes(v: HeaderValue): Buffer | null {
  if (v === null || v === undefined) return null;
  return Buffer.isBuffer(v) ? v : Buffer.from(String(v), 'utf8');
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
const MAX_DELTA = 2n ** 40n;
const SAFE_BASE = 2 ** 52;

/** A batch's base offset and timestamp as numbers, parsed once per batch (undefined when too large). */
const batchBases = new WeakMap<object, { offset: number | undefined; timestamp: number | undefined }>();

function batchBase(batchContext: object, firstOffset: string, firstTimestamp: string): { offset: number | undefined; timestamp: number | undefined } {
  let base = batchBases.get(batchContext);
  if (base === undefined) {
    const offset = Number(firstOffset);
    const timestamp = Number(firstTimestamp);
    base = { offset: Math.abs(offset) < SAFE_BASE ? offset : undefined, timestamp: Math.abs(timestamp) < SAFE_BASE ? timestamp : undefined };
    batchBases.set(batchContext, base);
  }
  return base;
}

function createRecordDecoder(): (decoder: KafkajsDecoder, batchContext?: BatchContext) => Record<string | symbol, unknown> {
  return (decoder, batchContext = { firstOffset: '0', firstTimestamp: '0' }) => {
    const { firstOffset, firstTimestamp, magicByte, isControlBatch = false, timestampType, maxTimestamp } = batchContext;
    const attributes = decoder.readInt8();
    const timestampDelta = decoder.readVarLong().value;
    const base = batchBase(batchContext, firstOffset, firstTimestamp);
    const timestamp =
      timestampType === LOG_APPEND_TIME && maxTimestamp
        ? maxTimestamp
        : base.timestamp !== undefined && timestampDelta <= MAX_DELTA && timestampDelta >= -MAX_DELTA
          ? String(base.timestamp + Number(timestampDelta))
          : (BigInt(firstTimestamp) + timestampDelta).toString();
    const offsetDelta = decoder.readVarInt();
    const offset = base.offset !== undefined ? String(base.offset + offsetDelta) : (BigInt(firstOffset) + BigInt(offsetDelta)).toString();
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
