// What produce validation costs the broker per batch, in-process and single threaded (one broker
// core): the checks Produce runs on one partition's records before the append
// (validateProducedRecords, then applyTopicRules with a default topic's settings), on the kind
// of batch kcat sends in `npm run bench` (librdkafka batch.size 1,000,000: about 1 MB of
// records, bench/lib/payload.ts's text), per codec. Beside it, two peers on the same bytes: the
// CRC-32C of the batch (the least any validation costs: all a header-only one did) and the
// bounded decompression alone (what the validation decompresses with).
//
//   npx tsc -p bench/tsconfig.json && node bench/.build/bench/produce-validation.js
//
// Prints, per codec and record size: MB/s of record bytes (uncompressed) validated, ns per
// record, and CPU seconds per GB of records; the median of 5 rounds of 0.4 s each.
import { BrokerConfig } from '../src/broker/config.js';
import { applyTopicRules } from '../src/broker/log-validator/topic-rules.js';
import { validateProducedRecords } from '../src/broker/log-validator/validate.js';
import { topicSettingsFrom } from '../src/broker/topic-settings.js';
import { CompressionType, decompress } from '../src/protocol/records/compression/index.js';
import { encodeRecordBatch } from '../src/protocol/records/record-batch.js';
import { RECORDS } from '../src/storage/batch-header.js';
import { crc32c } from '../src/storage/crc32c.js';
import { recordSlicer } from './lib/payload.js';

const BATCH_RECORD_BYTES = 1_000_000;
const ROUNDS = 5;
const ROUND_SECONDS = 0.4;


/** Runs `work` for ROUND_SECONDS, ROUNDS times; returns the median seconds per call. */
function secondsPerCall(work: () => unknown): number {
  const rounds: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    let calls = 0;
    const start = process.hrtime.bigint();
    const deadline = start + BigInt(ROUND_SECONDS * 1e9);
    let now = start;
    while (now < deadline) {
      work();
      calls++;
      now = process.hrtime.bigint();
    }
    rounds.push(Number(now - start) / 1e9 / calls);
  }
  return rounds.sort((a, b) => a - b)[Math.floor(ROUNDS / 2)]!;
}

const settings = topicSettingsFrom({}, new BrokerConfig({}));
const codecs: Array<[string, CompressionType]> = [
  ['none', CompressionType.None],
  ['gzip', CompressionType.Gzip],
  ['snappy', CompressionType.Snappy],
  ['lz4', CompressionType.Lz4],
  ['zstd', CompressionType.Zstd],
];

console.log('| codec | record size | records | batch bytes | validation MB/s of records | ns/record | CPU s per GB of records | CRC-32C of the batch, MB/s of records | decompress alone, MB/s of records |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const size of [100, 1000]) {
  for (const [name, codec] of codecs) {
    const count = Math.floor(BATCH_RECORD_BYTES / size);
    const now = Date.now();
    const next = recordSlicer(size); // the records kcat sends in `npm run bench`
    const batch = encodeRecordBatch({ records: Array.from({ length: count }, (_, i) => ({ timestamp: now + i, key: null, value: Buffer.from(next()) })), compression: codec });
    const recordBytes = count * size;
    const validate = () => {
      const validated = validateProducedRecords(batch, { maxMessageBytes: Infinity, produceVersion: 9 });
      if (!validated.ok) throw new Error(validated.message);
      const ruled = applyTopicRules(batch, validated.batches, settings.recordRules, now, 'bench', 0);
      if (!ruled.ok) throw new Error(ruled.message);
    };
    const seconds = secondsPerCall(validate);
    const crc = secondsPerCall(() => crc32c(batch.subarray(21)));
    const inflate = codec === CompressionType.None ? null : secondsPerCall(() => decompress(codec, batch.subarray(RECORDS), settings.recordRules.maxUncompressedBytes!));
    const mbps = (s: number) => (recordBytes / s / 1e6).toFixed(0);
    console.log(
      `| ${name} | ${size} B | ${count} | ${batch.length} | ${mbps(seconds)} | ${((seconds / count) * 1e9).toFixed(0)} | ${((seconds / recordBytes) * 1e9).toFixed(2)} | ${mbps(crc)} | ${inflate === null ? '-' : mbps(inflate)} |`,
    );
  }
}
