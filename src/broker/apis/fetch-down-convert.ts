// Fetch v0-v3 cannot carry v2 batches: Kafka 3.9 down-converts what the log read returns to
// message format v0 (Fetch v0-v1) or v1 (v2-v3), as its LazyDownConversionRecords and
// RecordsUtil.downConvert do:
//   - offsets are kept; magic 1 keeps timestamps (a LogAppendTime batch gives every message its
//     maxTimestamp and the LogAppendTime attribute); magic 0 has none; headers are dropped;
//   - an uncompressed batch becomes one message per record, leaving out the records below the
//     fetch offset; a compressed batch becomes one wrapper message with the same codec holding
//     all its records (inner offsets absolute for magic 0, relative to the first record for
//     magic 1; the wrapper at the last record's offset, its timestamp the LogAppendTime or the
//     largest record timestamp);
//   - control batches (transaction markers) are dropped: v0/v1 have no such thing;
//   - zstd cannot be written before magic 2: a zstd batch first in line answers the partition
//     UNSUPPORTED_COMPRESSION_TYPE; after converted data, the response stops before it (the
//     consumer's next fetch starts there and gets the error).
// Size: Kafka converts at least the whole first batch, then sends at most as many bytes as the
// log read returned, or as the first converted batch if that is larger. kt sends the same
// messages but never a partial one (Kafka cuts the last message at that size or pads with an
// "overflow" header, both of which consumers skip).
import { CompressionType } from '../../protocol/records/compression/index.js';
import { LEGACY_LOG_OVERHEAD, encodeLegacyMessageSet, legacyMessageSize } from '../../protocol/records/legacy-message.js';
import { decodeRecordBatches } from '../../protocol/records/record-batch.js';
import { ATTRIBUTES, BATCH_LENGTH, COMPRESSION_CODEC_MASK, CONTROL_FLAG_MASK, LOG_OVERHEAD, MAX_TIMESTAMP, TIMESTAMP_TYPE_MASK } from '../../storage/batch-header.js';
import { readInt64Number } from '../../protocol/records/int64.js';

export type DownConversion = { ok: true; records: Buffer } | { ok: false; unsupportedCompression: true };

/** Converts the whole v2 batches in `raw` (a log read from `fetchOffset`) to magic 0 or 1. */
export function downConvert(raw: Buffer, magic: 0 | 1, fetchOffset: number): DownConversion {
  const out: Buffer[] = [];
  let total = 0;
  let budget = -1; // set once the first batch is converted
  for (let pos = 0; raw.length - pos >= LOG_OVERHEAD; ) {
    const size = raw.readInt32BE(pos + BATCH_LENGTH) + LOG_OVERHEAD;
    if (size > raw.length - pos) break;
    const at = pos;
    pos += size;
    const attributes = raw.readInt16BE(at + ATTRIBUTES);
    if (attributes & CONTROL_FLAG_MASK) continue;
    const codec = (attributes & COMPRESSION_CODEC_MASK) as CompressionType;
    if (codec === CompressionType.Zstd) {
      if (budget < 0) return { ok: false, unsupportedCompression: true };
      break;
    }
    const converted = convertBatch(raw.subarray(at, at + size), magic, codec, (attributes & TIMESTAMP_TYPE_MASK) !== 0, fetchOffset);
    if (converted === null) continue;
    if (budget < 0) {
      // The first batch goes out whole, however large.
      out.push(converted.bytes);
      total = converted.bytes.length;
      budget = Math.max(raw.length, total);
      continue;
    }
    // Later batches: whole messages while they fit.
    let fits = 0;
    for (const end of converted.messageEnds) {
      if (total + end > budget) break;
      fits = end;
    }
    if (fits > 0) out.push(converted.bytes.subarray(0, fits));
    total += fits;
    if (fits < converted.bytes.length) break;
  }
  return { ok: true, records: out.length === 1 ? out[0]! : Buffer.concat(out, total) };
}

interface ConvertedBatch {
  bytes: Buffer;
  /** Where each message ends in `bytes` (one wrapper, or one per record). */
  messageEnds: number[];
}

function convertBatch(batch: Buffer, magic: 0 | 1, codec: CompressionType, logAppendTime: boolean, fetchOffset: number): ConvertedBatch | null {
  const [decoded] = decodeRecordBatches(batch, { verifyCrc: false });
  // RecordsUtil.downConvert: an uncompressed batch drops the records before the fetch offset
  // (some librdkafka versions rely on it); a compressed one is sent whole.
  const records = codec === CompressionType.None ? decoded!.records.filter((r) => r.offset >= fetchOffset) : decoded!.records;
  if (records.length === 0) return null;
  const bytes = encodeLegacyMessageSet(records, { magic, codec, logAppendTime: logAppendTime ? readInt64Number(batch, MAX_TIMESTAMP) : null });
  if (codec !== CompressionType.None) return { bytes, messageEnds: [bytes.length] };
  const messageEnds: number[] = [];
  let end = 0;
  for (const r of records) messageEnds.push((end += LEGACY_LOG_OVERHEAD + legacyMessageSize(magic, r.key, r.value)));
  return { bytes, messageEnds };
}
