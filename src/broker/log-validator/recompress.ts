// Broker-side recompression (Kafka's LogValidator.buildRecordsAndAssignOffsets): when a topic's
// compression.type names a codec other than the produced batch's, the batch is rebuilt with that
// codec. Records keep their key, value, headers and timestamps; offset deltas become 0..n-1
// (dense); producer id/epoch, base sequence and the transactional flag are kept. The batch is
// written as CreateTime: a LogAppendTime topic then stamps it like any other (setLogAppendTime),
// which gives Kafka's bytes (base timestamp = first record's, max timestamp = append time).
// Only this path decodes records into objects, and only when the topic config requires it.
import { CompressionType } from '../../protocol/records/compression/compression-type.js';
import { encodeRecordBatch, type KafkaRecord } from '../../protocol/records/record-batch.js';
import { readRecord } from '../../protocol/records/record.js';
import type { RecordsArea } from './records-area.js';
import type { ValidatedBatch } from './validate.js';

/** Topic compression.type values and the codec each forces; 'producer' keeps the batch's own. */
const TARGET_CODECS: Readonly<Record<string, CompressionType>> = {
  uncompressed: CompressionType.None,
  gzip: CompressionType.Gzip,
  snappy: CompressionType.Snappy,
  lz4: CompressionType.Lz4,
  zstd: CompressionType.Zstd,
};

/** The codec a topic's compression.type forces, or null for 'producer'. */
export function targetCodec(compressionType: string): CompressionType | null {
  return TARGET_CODECS[compressionType] ?? null;
}

/** The topic's compression.<codec>.level for the codecs that take one (gzip, zstd; lz4's is not supported by the codec). */
export function compressionLevelFor(codec: CompressionType, levels: { gzip: number; zstd: number }): number | undefined {
  if (codec === CompressionType.Gzip) return levels.gzip;
  if (codec === CompressionType.Zstd) return levels.zstd;
  return undefined;
}

/**
 * Rebuilds one validated batch with `codec` from its records area as the record walk read it
 * (decompressed). Throws RangeError when a record cannot be decoded, CompressionError when the
 * codec fails.
 */
export function recompressBatch(area: RecordsArea, batch: ValidatedBatch, codec: CompressionType, level?: number): Buffer {
  const logAppendTime = batch.isLogAppendTime ? batch.maxTimestamp : null;
  const records: KafkaRecord[] = new Array(batch.recordCount);
  const buffer = area.buffer.subarray(0, area.end);
  const cursor = { pos: area.start };
  for (let i = 0; i < batch.recordCount; i++) {
    const r = readRecord(buffer, cursor, 0, batch.baseTimestamp, logAppendTime);
    records[i] = { timestamp: r.timestamp, key: r.key, value: r.value, headers: r.headers };
  }
  return encodeRecordBatch({
    records,
    compression: codec,
    compressionLevel: level,
    producerId: batch.producerId,
    producerEpoch: batch.producerEpoch,
    baseSequence: batch.baseSequence,
    isTransactional: batch.isTransactional,
  });
}
