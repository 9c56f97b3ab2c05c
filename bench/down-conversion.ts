// What old clients cost: the CPU of converting between message formats, in-process and single
// threaded (one broker core). Down-conversion (Fetch v0-v3) decodes every v2 batch a fetch reads
// and writes legacy messages, recompressing compressed batches; up-conversion (Produce v0-v2)
// does the reverse. Current clients' fetches send file bytes untouched and cost none of this.
//
//   npx tsc -p bench/tsconfig.json && node bench/.build/bench/down-conversion.js
//
// Prints, per codec, records per second and MB/s of the bytes converted (v2 log bytes down,
// legacy message bytes up; compressed bytes for compressed codecs) for 100-byte values, 1,000
// records per batch.
import { downConvert } from '../src/broker/apis/fetch-down-convert.js';
import { upConvertLegacyRecords } from '../src/broker/log-validator/legacy-records.js';
import { CompressionType } from '../src/protocol/records/compression/index.js';
import { encodeLegacyMessageSet } from '../src/protocol/records/legacy-message.js';
import { encodeRecordBatch } from '../src/protocol/records/record-batch.js';

const RECORDS_PER_BATCH = 1000;
const BATCHES = 8;
const SECONDS = 1.5;

function value(i: number): Buffer {
  // Somewhat compressible, like typical payloads: a counter in repeated text.
  return Buffer.from(`{"id":${i},"name":"record-${i % 97}","payload":"${'abcdefgh'.repeat(8)}"}`.padEnd(100, ' '));
}

/** Runs `work` (converting `bytes` bytes holding `records` records) for SECONDS; returns the rates. */
function timed(bytes: number, records: number, work: () => boolean): string {
  let rounds = 0;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(SECONDS * 1e9);
  let now = start;
  while (now < deadline) {
    if (!work()) throw new Error('conversion failed');
    rounds++;
    now = process.hrtime.bigint();
  }
  const seconds = Number(now - start) / 1e9;
  return `${((rounds * records) / seconds / 1e3).toFixed(0)}k records/s, ${((rounds * bytes) / seconds / 1e6).toFixed(1)} MB/s`;
}

const codecs: Array<[string, CompressionType]> = [
  ['none', CompressionType.None],
  ['gzip', CompressionType.Gzip],
  ['snappy', CompressionType.Snappy],
  ['lz4', CompressionType.Lz4],
];
const rules = { timestamps: { logAppendTime: false, beforeMaxMs: Infinity, afterMaxMs: Infinity }, codec: null, maxMessageBytes: Infinity };

console.log('| codec | v2 -> magic 1 (Fetch v2-v3) | v2 -> magic 0 (Fetch v0-v1) | magic 1 -> v2 (Produce v2) |');
console.log('| --- | --- | --- | --- |');
for (const [name, codec] of codecs) {
  const log = Buffer.concat(
    Array.from({ length: BATCHES }, (_, b) =>
      encodeRecordBatch({
        baseOffset: b * RECORDS_PER_BATCH,
        records: Array.from({ length: RECORDS_PER_BATCH }, (_, i) => ({ timestamp: 1_700_000_000_000 + i, key: null, value: value(b * RECORDS_PER_BATCH + i) })),
        compression: codec,
      }),
    ),
  );
  const legacy = encodeLegacyMessageSet(
    Array.from({ length: RECORDS_PER_BATCH }, (_, i) => ({ offset: i, timestamp: 1_700_000_000_000 + i, key: null, value: value(i) })),
    { magic: 1, codec, logAppendTime: null },
  );
  const count = BATCHES * RECORDS_PER_BATCH;
  const toMagic1 = timed(log.length, count, () => downConvert(log, 1, 0).ok);
  const toMagic0 = timed(log.length, count, () => downConvert(log, 0, 0).ok);
  const up = timed(legacy.length, RECORDS_PER_BATCH, () => upConvertLegacyRecords(legacy, { rules, now: Date.now(), topic: 'bench', partition: 0 }).ok);
  console.log(`| ${name} | ${toMagic1} | ${toMagic0} | ${up} |`);
}
