// The record pass of Kafka's LogValidator, run on every produced v2 batch once validate.ts has
// checked its header: the records are read once (records-area.ts decompresses a compressed batch
// within a bound; record-walk.ts walks them), then, in Kafka's order:
//   framing      a record that does not decode -> INVALID_RECORD (Kafka's DefaultRecord texts);
//                a codec failure -> UNKNOWN_SERVER_ERROR; records expanding past the bound ->
//                MESSAGE_TOO_LARGE (kt's bound, see records-area.ts)
//   per record   keys on compacted topics, message.timestamp.* bounds, LogAppendTime misuse ->
//                the batch refused with per-record errors (record-errors.ts)
//   offsets      a compressed batch kept as it is whose records' offsets are not 0..n-1 ->
//                UNKNOWN_SERVER_ERROR: Kafka's validator switches to rebuilding the batch, but
//                its records came from the skip-key/value iterator, whose PartialDefaultRecord
//                cannot give its key (UnsupportedOperationException). With a compression.type
//                codec other than the batch's, Kafka reads whole records and the rebuild below
//                makes the offsets dense; an uncompressed batch kept as it is is not checked.
//   codec        compression.type other than `producer` and the batch's: rebuilt with the
//                topic's codec (recompress.ts), max.message.bytes checked again
//   timestamp    otherwise, on a CreateTime topic, maxTimestamp set from the records when it
//                differs (max-timestamp.ts); LogAppendTime topics stamp at append
// Nothing is appended unless every batch passes.
import { CompressionError, type CompressionType } from '../../protocol/records/compression/index.js';
import { baseOffsetAt } from '../../storage/batch-header.js';
import { sealCreateTimeMaxTimestamp } from './max-timestamp.js';
import { recompressBatch } from './recompress.js';
import { rejectRecords, type RecordsRejection } from './record-errors.js';
import { walkRecords, type WalkRules } from './record-walk.js';
import { DEFAULT_MAX_UNCOMPRESSED_BYTES, readRecordsArea, type RecordsArea } from './records-area.js';
import { outOfRangeMessage, type TimestampPolicy } from './timestamp-bounds.js';
import { RecordsErrorCode, validateProducedRecords, type RecordsError, type ValidatedBatch } from './validate.js';

export interface TopicRecordRules {
  timestamps: TimestampPolicy;
  /** The codec compression.type forces, or null for 'producer'. */
  codec: CompressionType | null;
  /** compression.<codec>.level for `codec`, when it takes one. */
  compressionLevel?: number;
  /** max.message.bytes, checked again after recompression (the batch size changed). */
  maxMessageBytes: number;
  /** cleanup.policy has `compact`: records without a key are refused. */
  compacted?: boolean;
  /** The most a compressed batch's records may expand to (socket.request.max.bytes; default its default). */
  maxUncompressedBytes?: number;
}

export type TopicRulesResult = { ok: true; records: Buffer; batches: ValidatedBatch[] } | RecordsError | RecordsRejection;

/**
 * Applies the record pass to validated `records`; returns the (possibly rebuilt) records to
 * append. `topic` and `partition` only name the partition in messages.
 */
export function applyTopicRules(records: Buffer, batches: ValidatedBatch[], rules: TopicRecordRules, now: number, topic: string, partition: number): TopicRulesResult {
  const topicPartition = `${topic}-${partition}`;
  const walkRules = walkRulesFor(rules, now, topicPartition);
  const { codec } = rules;
  /** The batch is kept as it is (in place), not rebuilt with compression.type's codec. */
  const kept = (batch: ValidatedBatch) => codec === null || batch.compression === codec;
  const areas: RecordsArea[] = [];
  const maxTimestamps: number[] = [];
  for (const batch of batches) {
    const area = readRecordsArea(records, batch, rules.maxUncompressedBytes ?? DEFAULT_MAX_UNCOMPRESSED_BYTES, topicPartition);
    if (!('buffer' in area)) return area;
    const walked = walkRecords({
      body: area.buffer,
      start: area.start,
      end: area.end,
      isolated: area.decompressed,
      recordCount: batch.recordCount,
      baseOffset: baseOffsetAt(records, batch.position),
      baseTimestamp: batch.baseTimestamp,
      isLogAppendTime: batch.isLogAppendTime,
      logAppendTime: batch.maxTimestamp,
      partialRecords: area.decompressed && kept(batch),
      rules: walkRules,
    });
    if (!walked.ok) return walked;
    if (walked.recordErrors.length > 0) return rejectRecords(walked.recordErrors);
    if (area.decompressed && kept(batch) && !walked.offsetsInOrder) {
      return { ok: false, kind: 'server-error', errorCode: RecordsErrorCode.UNKNOWN_SERVER_ERROR, message: 'key is skipped in PartialDefaultRecord', withLogStartOffset: true };
    }
    areas.push(area);
    maxTimestamps.push(walked.maxTimestamp);
  }
  // A LogAppendTime topic overwrites every maxTimestamp at append (setLogAppendTime); rebuilt
  // batches get theirs from the builder.
  if (!rules.timestamps.logAppendTime) {
    batches.forEach((batch, i) => {
      if (kept(batch)) sealCreateTimeMaxTimestamp(records, batch, maxTimestamps[i]!);
    });
  }
  if (!batches.every(kept)) return recompressForTopic(records, batches, areas, rules, topicPartition);
  return { ok: true, records, batches };
}

function walkRulesFor(rules: TopicRecordRules, now: number, topicPartition: string): WalkRules {
  const { timestamps } = rules;
  return {
    compacted: rules.compacted ?? false,
    logAppendTime: timestamps.logAppendTime,
    beforeMaxMs: timestamps.beforeMaxMs,
    afterMaxMs: timestamps.afterMaxMs,
    now,
    topicPartition,
    outOfRange: (timestamp, offset) => outOfRangeMessage(timestamp, offset, now, timestamps),
  };
}

/** compression.type: the batches in another codec rebuilt with the topic's, max.message.bytes checked again. */
function recompressForTopic(records: Buffer, batches: ValidatedBatch[], areas: RecordsArea[], rules: TopicRecordRules, topicPartition: string): TopicRulesResult {
  const codec = rules.codec!;
  let rebuilt: Buffer;
  try {
    rebuilt = Buffer.concat(batches.map((b, i) => (b.compression === codec ? records.subarray(b.position, b.position + b.size) : recompressBatch(areas[i]!, b, codec, rules.compressionLevel))));
  } catch (err) {
    // The walk has read every record, so only the codec can fail here.
    if (err instanceof CompressionError || err instanceof RangeError) {
      return { ok: false, kind: 'server-error', errorCode: RecordsErrorCode.UNKNOWN_SERVER_ERROR, message: err.message, withLogStartOffset: true };
    }
    throw err;
  }
  const revalidated = validateProducedRecords(rebuilt, { maxMessageBytes: Infinity, allowMultipleBatches: true });
  if (!revalidated.ok) return revalidated;
  for (const batch of revalidated.batches) {
    if (batch.size > rules.maxMessageBytes) {
      return {
        ok: false,
        kind: 'too-large',
        errorCode: RecordsErrorCode.MESSAGE_TOO_LARGE,
        message: `Message batch size is ${batch.size} bytes in append to partition ${topicPartition} which exceeds the maximum configured size of ${rules.maxMessageBytes}.`,
      };
    }
  }
  return { ok: true, records: rebuilt, batches: revalidated.batches };
}
