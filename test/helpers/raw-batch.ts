// Builds a v2 batch header around an arbitrary body with a correct CRC, for tests of the
// opaque-bytes hot path (which never looks inside the records area).
import { crc32c } from '../../src/storage/crc32c.js';

export interface RawBatchFields {
  baseOffset?: bigint;
  partitionLeaderEpoch?: number;
  magic?: number;
  attributes?: number;
  lastOffsetDelta?: number;
  baseTimestamp?: bigint;
  maxTimestamp?: bigint;
  producerId?: bigint;
  producerEpoch?: number;
  baseSequence?: number;
  recordsCount?: number;
  body?: Buffer;
}

export function rawBatch(fields: RawBatchFields = {}): Buffer {
  const body = fields.body ?? Buffer.from('0123456789');
  const buf = Buffer.alloc(61 + body.length);
  buf.writeBigInt64BE(fields.baseOffset ?? 0n, 0);
  buf.writeInt32BE(buf.length - 12, 8);
  buf.writeInt32BE(fields.partitionLeaderEpoch ?? -1, 12);
  buf.writeInt8(fields.magic ?? 2, 16);
  buf.writeInt16BE(fields.attributes ?? 0, 21);
  buf.writeInt32BE(fields.lastOffsetDelta ?? 2, 23);
  buf.writeBigInt64BE(fields.baseTimestamp ?? 1_700_000_000_000n, 27);
  buf.writeBigInt64BE(fields.maxTimestamp ?? 1_700_000_000_005n, 35);
  buf.writeBigInt64BE(fields.producerId ?? -1n, 43);
  buf.writeInt16BE(fields.producerEpoch ?? -1, 51);
  buf.writeInt32BE(fields.baseSequence ?? -1, 53);
  buf.writeInt32BE(fields.recordsCount ?? 3, 57);
  body.copy(buf, 61);
  buf.writeUInt32BE(crc32c(buf.subarray(21)), 17);
  return buf;
}
