// The parts of Kafka's LogValidator that may need records read (validate.ts checks what the
// batch headers tell): keys on compacted topics (compacted-keys.ts), message.timestamp.before/
// after.max.ms and LogAppendTime misuse (timestamp-bounds.ts), compression.type (recompress.ts),
// then a CreateTime batch's maxTimestamp when its header cannot be right (max-timestamp.ts).
// With the defaults (cleanup.policy=delete, no bounds, compression.type=producer) and a
// consistent header nothing here reads a record.
import { CompressionError, type CompressionType } from '../../protocol/records/compression/index.js';
import { RecordBatchDecodeError } from '../../protocol/records/record-batch.js';
import { checkCompactedKeys, type KeylessRejection } from './compacted-keys.js';
import { maxTimestampNeedsRecompute, recomputeMaxTimestamp } from './max-timestamp.js';
import { recompressBatch } from './recompress.js';
import { checkRecordTimestamps, needsTimestampCheck, type TimestampPolicy, type TimestampRejection } from './timestamp-bounds.js';
import { RecordsErrorCode, validateProducedRecords, type RecordsError, type ValidatedBatch } from './validate.js';

export interface TopicRecordRules {
  timestamps: TimestampPolicy;
  /** The codec compression.type forces, or null for 'producer'. */
  codec: CompressionType | null;
  /** compression.<codec>.level for `codec`, when it takes one. */
  compressionLevel?: number;
  /** max.message.bytes, checked again after recompression (the batch size changed). */
  maxMessageBytes: number;
  /** cleanup.policy has `compact`: records without a key are refused (compacted-keys.ts). */
  compacted?: boolean;
}

export type TopicRulesResult = { ok: true; records: Buffer; batches: ValidatedBatch[] } | RecordsError | TimestampRejection | KeylessRejection;

/**
 * Applies the rules to validated `records`; returns the (possibly rebuilt) records to append.
 * `topic` and `partition` only name the partition in an error message.
 */
export function applyTopicRules(records: Buffer, batches: ValidatedBatch[], rules: TopicRecordRules, now: number, topic: string, partition: number): TopicRulesResult {
  if (rules.compacted) {
    const keyless = checkCompactedKeys(records, batches, topic, partition);
    if (keyless) return keyless;
  }
  for (const batch of batches) {
    if (!needsTimestampCheck(rules.timestamps, batch)) continue;
    const rejection = checkRecordTimestamps(records, batch, rules.timestamps, now);
    if (rejection) return rejection;
  }
  const result = recompressForTopic(records, batches, rules, topic, partition);
  if (!result.ok) return result;
  // A LogAppendTime topic overwrites every maxTimestamp at append (setLogAppendTime).
  if (!rules.timestamps.logAppendTime) {
    for (const batch of result.batches) {
      if (!maxTimestampNeedsRecompute(batch)) continue;
      const unreadable = recomputeMaxTimestamp(result.records, batch);
      if (unreadable) return unreadable;
    }
  }
  return result;
}

/** compression.type: the batches in another codec rebuilt with the topic's, max.message.bytes checked again. */
function recompressForTopic(records: Buffer, batches: ValidatedBatch[], rules: TopicRecordRules, topic: string, partition: number): TopicRulesResult {
  const { codec } = rules;
  if (codec === null || batches.every((b) => b.compression === codec)) return { ok: true, records, batches };

  let rebuilt: Buffer;
  try {
    rebuilt = Buffer.concat(batches.map((b) => (b.compression === codec ? records.subarray(b.position, b.position + b.size) : recompressBatch(records, b, codec, rules.compressionLevel))));
  } catch (err) {
    if (err instanceof RecordBatchDecodeError || err instanceof CompressionError) {
      return { ok: false, kind: 'corrupt', errorCode: RecordsErrorCode.CORRUPT_MESSAGE, message: err.message };
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
        message: `Message batch size is ${batch.size} bytes in append to partition ${topic}-${partition} which exceeds the maximum configured size of ${rules.maxMessageBytes}.`,
      };
    }
  }
  return { ok: true, records: rebuilt, batches: revalidated.batches };
}
