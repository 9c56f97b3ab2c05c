// kt dump-log on hand-built files: what the broker never writes (corruption, gaps, bad indexes,
// legacy messages, KRaft snapshots, producer snapshots, transaction indexes, __transaction_state)
// and the tool's usage and error paths.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync, crc32 } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeData, encodeTransactionLogKey, encodeTransactionLogValue, encodeVersioned } from '../../../src/protocol/coordinator-records.js';
import { ControlRecordType, encodeControlRecordKey } from '../../../src/protocol/records/control.js';
import { CompressionType, compressLegacy } from '../../../src/protocol/records/compression/index.js';
import { crc32c } from '../../../src/storage/crc32c.js';
import { encodeRecordBatch, type KafkaRecord } from '../../../src/protocol/records/record-batch.js';
import { kt, requireBuiltCli } from '../../helpers/kt-process.js';

const dir = mkdtempSync(join(tmpdir(), 'kt-dump-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const T = 1_700_000_000_000;

function write(name: string, ...parts: Buffer[]): string {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, Buffer.concat(parts));
  return path;
}

const rec = (i: number, key: string | null = `k${i}`): KafkaRecord => ({ timestamp: T + i, key: key === null ? null : Buffer.from(key), value: Buffer.from(`v${i}`), headers: [] });

async function dump(...args: string[]): Promise<{ code: number | null; stdout: string[]; stderr: string }> {
  requireBuiltCli();
  const r = await kt(['dump-log', ...args]);
  return { code: r.code, stdout: r.stdout.toString().split('\n'), stderr: r.stderr };
}

function int64(value: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigInt64BE(BigInt(value));
  return b;
}

function int32(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(value);
  return b;
}

/** A segment at base offset 100: offsets 100-101, a gap, then 105 with a corrupted value. */
const first = encodeRecordBatch({ baseOffset: 100, records: [rec(0), rec(1)] });
const second = encodeRecordBatch({ baseOffset: 105, records: [rec(5)] });
second[second.length - 2] ^= 0xff; // inside the last record's value: the CRC no longer matches
const SEGMENT = join(dir, 'gappy', '00000000000000000100');
write('gappy/00000000000000000100.log', first, second, Buffer.alloc(10));
const batchLine = (b: Buffer, base: number, last: number, count: number, position: number, maxTs: number, valid: boolean) =>
  `baseOffset: ${base} lastOffset: ${last} count: ${count} baseSequence: -1 lastSequence: -1 producerId: -1 producerEpoch: -1 partitionLeaderEpoch: -1 ` +
  `isTransactional: false isControl: false deleteHorizonMs: OptionalLong.empty position: ${position} CreateTime: ${T + maxTs} size: ${b.length} ` +
  `magic: 2 compresscodec: none crc: ${b.readUInt32BE(17)} isvalid: ${valid}`;
const FIRST_LINE = batchLine(first, 100, 101, 2, 0, 1, true);
const SECOND_LINE = batchLine(second, 105, 105, 1, first.length, 5, false);

describe('kt dump-log: damaged segments', () => {
  it('reports an invalid CRC, trailing bytes and offset gaps (stderr, after all files), exit 0', async () => {
    const r = await dump('--print-data-log', '--files', `${SEGMENT}.log`);
    expect(r.code).toBe(0);
    expect(r.stdout).toEqual([
      `Dumping ${SEGMENT}.log`,
      'Log starting offset: 100',
      FIRST_LINE,
      `| offset: 100 CreateTime: ${T} keySize: 2 valueSize: 2 sequence: -1 headerKeys: [] key: k0 payload: v0`,
      `| offset: 101 CreateTime: ${T + 1} keySize: 2 valueSize: 2 sequence: -1 headerKeys: [] key: k1 payload: v1`,
      SECOND_LINE,
      `| offset: 105 CreateTime: ${T + 5} keySize: 2 valueSize: 2 sequence: -1 headerKeys: [] key: k5 payload: v\ufffd`,
      'Found 10 invalid bytes at the end of 00000000000000000100.log',
      '',
    ]);
    expect(r.stderr).toBe(`Non-consecutive offsets in ${SEGMENT}.log\n  101 is followed by 105\n`);
  });

  it('stops with exit 1 at a batch size below the smallest message, after what it printed', async () => {
    const path = write('corrupt/00000000000000000000.log', first, int64(2), int32(5), Buffer.alloc(20));
    const r = await dump('--files', path);
    expect(r.code).toBe(1);
    expect(r.stdout).toEqual([`Dumping ${path}`, 'Log starting offset: 0', FIRST_LINE, '']);
    expect(r.stderr).toBe(`org.apache.kafka.common.errors.CorruptRecordException: Found record size 5 smaller than minimum record overhead (14) in file ${path}.\n`);
  });
});

describe('kt dump-log: index verification', () => {
  const entry = (rel: number, pos: number) => Buffer.concat([int32(rel), int32(pos)]);
  const timeEntry = (ts: number, rel: number) => Buffer.concat([int64(T + ts), int32(rel)]);

  it('prints every offset index entry and reports those that do not match the log', async () => {
    // 101 @ 0 matches; 104 @ the second batch finds 105; the zero entry after them ends the index.
    write('gappy/00000000000000000100.index', entry(1, 0), entry(4, first.length), entry(0, 0), entry(7, 0));
    const r = await dump('--files', `${SEGMENT}.index`);
    expect(r.code).toBe(0);
    expect(r.stdout).toEqual([`Dumping ${SEGMENT}.index`, 'offset: 101 position: 0', `offset: 104 position: ${first.length}`, '']);
    expect(r.stderr).toBe(`Mismatches in :${SEGMENT}.index\n  Index offset: 104, log offset: 105\n`);
  });

  it('checks time index entries: timestamps, order, and offsets that end no batch', async () => {
    write('gappy/00000000000000000100.timeindex', timeEntry(1, 1), timeEntry(50, 5), timeEntry(2, 3), timeEntry(1, 1));
    const r = await dump('--files', `${SEGMENT}.timeindex`);
    expect(r.code).toBe(0);
    expect(r.stdout).toEqual([
      `Dumping ${SEGMENT}.timeindex`,
      `timestamp: ${T + 1} offset: 101`,
      `timestamp: ${T + 50} offset: 105`,
      `timestamp: ${T + 2} offset: 103`,
      `timestamp: ${T + 1} offset: 101`,
      '',
    ]);
    expect(r.stderr).toBe(
      [
        `Found timestamp mismatch in :${SEGMENT}.timeindex`,
        `  Index timestamp: ${T + 50}, log timestamp: ${T + 5}`,
        `Found out of order timestamp in :${SEGMENT}.timeindex`,
        `  Index timestamp: ${T + 1}, Previously indexed timestamp: ${T + 2}`,
        'The following indexed offsets are not found in the log.',
        'Indexed offset: 103, found log offset: 105',
        '',
      ].join('\n'),
    );
  });

  it('empty, corrupt and missing indexes', async () => {
    const empty = write('gappy/00000000000000000100.index', Buffer.alloc(0));
    const emptyDump = await dump('--files', empty);
    expect(emptyDump).toEqual({ code: 0, stdout: [`Dumping ${empty}`, `${empty} is empty.`, ''], stderr: '' });

    write('gappy/00000000000000000100.index', entry(1, 0), Buffer.alloc(1));
    const sanity = await dump('--index-sanity-check', '--files', `${SEGMENT}.index`);
    expect(sanity.code).toBe(1);
    expect(sanity.stderr).toBe(
      `org.apache.kafka.storage.internals.log.CorruptIndexException: Index file ${SEGMENT}.index is corrupt, found 9 bytes which is neither positive nor a multiple of 8\n`,
    );
    // The entry still reads fine without the sanity check; a batch larger than --max-message-size does not.
    const small = await dump('--max-message-size', '10', '--files', `${SEGMENT}.index`);
    expect(small.code).toBe(1);
    expect(small.stderr).toBe('java.util.NoSuchElementException\n');

    const noLog = await dump('--files', join(dir, 'gappy', '00000000000000000000.index'));
    expect(noLog.code).toBe(1);
    expect(noLog.stderr).toBe(`java.nio.file.NoSuchFileException: ${join(dir, 'gappy', '00000000000000000000.log')}\n`);
    write('lonely/00000000000000000000.log', first);
    const noIndex = await dump('--files', join(dir, 'lonely', '00000000000000000000.timeindex'));
    expect(noIndex.code).toBe(1);
    expect(noIndex.stderr).toBe('java.lang.IllegalArgumentException: Invalid max index size: -1\n');
  });
});

/** A legacy message log entry: offset, size, crc (CRC32 from magic on), magic, attributes, [timestamp], key, value. */
function legacy(magic: 0 | 1, offset: number, opts: { timestamp?: number; key: Buffer | null; value: Buffer | null; attributes?: number }): Buffer {
  const bytes = (b: Buffer | null) => (b === null ? int32(-1) : Buffer.concat([int32(b.length), b]));
  const body = Buffer.concat([Buffer.from([magic, opts.attributes ?? 0]), magic === 1 ? int64(opts.timestamp ?? 0) : Buffer.alloc(0), bytes(opts.key), bytes(opts.value)]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([int64(offset), int32(4 + body.length), crc, body]);
}

describe('kt dump-log: legacy messages (magic 0 and 1)', () => {
  it('prints them in Kafka\'s legacy layout, including the messages inside a compressed wrapper', async () => {
    const v0 = legacy(0, 0, { key: Buffer.from('a'), value: Buffer.from('v0') });
    const v1 = legacy(1, 1, { timestamp: T + 1, key: null, value: Buffer.from('v1') });
    const inner = [legacy(1, 0, { timestamp: T + 2, key: Buffer.from('b'), value: Buffer.from('v2') }), legacy(1, 1, { timestamp: T + 3, key: null, value: null })];
    const wrapper = legacy(1, 3, { timestamp: T + 3, key: null, value: gzipSync(Buffer.concat(inner)), attributes: 1 });
    const path = write('legacy/00000000000000000000.log', v0, v1, wrapper);
    const crc = (b: Buffer) => b.readUInt32BE(12);
    const r = await dump('--print-data-log', '--files', path);
    expect(r.stderr).toBe('');
    expect(r.stdout).toEqual([
      `Dumping ${path}`,
      'Log starting offset: 0',
      `offset: 0 position: 0 NoTimestampType: -1 size: ${v0.length} magic: 0 compresscodec: none crc: ${crc(v0)} isvalid: true`,
      `| offset: 0 NoTimestampType: -1 keySize: 1 valueSize: 2 isValid: true crc: ${crc(v0)}} key: a payload: v0`,
      `offset: 1 position: ${v0.length} CreateTime: ${T + 1} size: ${v1.length} magic: 1 compresscodec: none crc: ${crc(v1)} isvalid: true`,
      `| offset: 1 CreateTime: ${T + 1} keySize: -1 valueSize: 2 isValid: true crc: ${crc(v1)}} payload: v1`,
      `offset: 3 position: ${v0.length + v1.length} CreateTime: ${T + 3} size: ${wrapper.length} magic: 1 compresscodec: gzip crc: ${crc(wrapper)} isvalid: true`,
      `| offset: 2 CreateTime: ${T + 2} keySize: 1 valueSize: 2 isValid: true crc: ${crc(inner[0]!)}} key: b payload: v2`,
      `| offset: 3 CreateTime: ${T + 3} keySize: -1 valueSize: -1 isValid: true crc: ${crc(inner[1]!)}}`,
      '',
    ]);
  });
});

describe('kt dump-log: a magic 0 lz4 wrapper', () => {
  it("reads the inner messages despite old Kafka's frame-header checksum", async () => {
    const inner = [legacy(0, 0, { key: null, value: Buffer.from('x') }), legacy(0, 1, { key: null, value: Buffer.from('y') })];
    const wrapper = legacy(0, 1, { key: null, value: compressLegacy(CompressionType.Lz4, Buffer.concat(inner), 0), attributes: 3 });
    const path = write('legacy-lz4/00000000000000000000.log', wrapper);
    const r = await dump('--deep-iteration', '--print-data-log', '--files', path);
    expect(r.stderr).toBe('');
    expect(r.stdout.filter((l) => l.startsWith('|'))).toEqual([
      `| offset: 0 NoTimestampType: -1 keySize: -1 valueSize: 1 isValid: true crc: ${inner[0]!.readUInt32BE(12)}} payload: x`,
      `| offset: 1 NoTimestampType: -1 keySize: -1 valueSize: 1 isValid: true crc: ${inner[1]!.readUInt32BE(12)}} payload: y`,
    ]);
  });
});

describe('kt dump-log: KRaft snapshots, producer snapshots, transaction indexes', () => {
  const controlBatch = (baseOffset: number, type: ControlRecordType, value: Buffer) =>
    encodeRecordBatch({ baseOffset, isControl: true, records: [{ timestamp: T, key: encodeControlRecordKey(type), value, headers: [] }] });

  it('dumps a .checkpoint with its snapshot id and control records as JSON', async () => {
    const headerValue = encodeVersioned('SnapshotHeaderRecord', 0, { version: 0, lastContainedLogTimestamp: 123n });
    const footerValue = encodeVersioned('SnapshotFooterRecord', 0, { version: 0 });
    const header = controlBatch(0, ControlRecordType.SnapshotHeader, headerValue);
    const footer = controlBatch(1, ControlRecordType.SnapshotFooter, footerValue);
    const other = controlBatch(2, ControlRecordType.LeaderChange, Buffer.alloc(0));
    const path = write('kraft/00000000000000000010-0000000002.checkpoint', header, footer, other);
    const r = await dump('--deep-iteration', '--files', path);
    expect(r.stderr).toBe('');
    const lines = r.stdout.filter((l) => l.startsWith('|'));
    expect(r.stdout.slice(0, 2)).toEqual([`Dumping ${path}`, 'Snapshot end offset: 10, epoch: 2']);
    expect(lines).toEqual([
      `| offset: 0 CreateTime: ${T} keySize: 4 valueSize: ${headerValue.length} sequence: -1 headerKeys: [] SnapshotHeader {"version":0,"lastContainedLogTimestamp":123}`,
      `| offset: 1 CreateTime: ${T} keySize: 4 valueSize: ${footerValue.length} sequence: -1 headerKeys: [] SnapshotFooter {"version":0}`,
      `| offset: 2 CreateTime: ${T} keySize: 4 valueSize: 0 sequence: -1 headerKeys: [] controlType: LEADER_CHANGE(2)`,
    ]);
    const bootstrap = write('kraft/bootstrap.checkpoint', header);
    expect((await dump('--files', bootstrap)).stdout.slice(0, 2)).toEqual([`Dumping ${bootstrap}`, 'KRaft bootstrap snapshot']);
  });

  it('dumps a producer state snapshot; a corrupt one is reported on stderr with exit 0', async () => {
    const body = encodeData('ProducerSnapshot', 1, {
      crc: 0,
      producerEntries: [
        { producerId: 1000n, epoch: 2, lastSequence: 9, lastOffset: 41n, offsetDelta: 4, timestamp: BigInt(T), coordinatorEpoch: 3, currentTxnFirstOffset: 40n },
        { producerId: 1001n, epoch: 0, lastSequence: -1, lastOffset: -1n, offsetDelta: 0, timestamp: BigInt(T + 1), coordinatorEpoch: -1, currentTxnFirstOffset: -1n },
      ],
    });
    const file = Buffer.concat([Buffer.from([0, 1]), body]);
    file.writeUInt32BE(crc32c(file.subarray(6)), 2);
    const path = write('pid/00000000000000000042.snapshot', file);
    const r = await dump('--files', path);
    expect(r).toEqual({
      code: 0,
      stdout: [
        `Dumping ${path}`,
        `producerId: 1000 producerEpoch: 2 coordinatorEpoch: 3 currentTxnFirstOffset: OptionalLong[40] lastTimestamp: ${T} firstSequence: 5 lastSequence: 9 lastOffset: 41 offsetDelta: 4 timestamp: ${T}`,
        `producerId: 1001 producerEpoch: 0 coordinatorEpoch: -1 currentTxnFirstOffset: OptionalLong.empty lastTimestamp: ${T + 1} `,
        '',
      ],
      stderr: '',
    });
    const stored = file.readUInt32BE(2);
    file[file.length - 1] ^= 1;
    const corrupt = write('pid/00000000000000000043.snapshot', file);
    const bad = await dump('--files', corrupt);
    expect(bad.code).toBe(0);
    expect(bad.stdout).toEqual([`Dumping ${corrupt}`, '']);
    expect(bad.stderr).toBe(`Snapshot is corrupt (CRC is no longer valid). Stored crc: ${stored}. Computed crc: ${crc32c(file.subarray(6))}\n`);
  });

  it('dumps an aborted transaction index; a missing one is empty', async () => {
    const txn = (pid: number, first: number, last: number, lso: number) => Buffer.concat([Buffer.from([0, 0]), int64(pid), int64(first), int64(last), int64(lso)]);
    const path = write('txn/00000000000000000000.txnindex', txn(7, 3, 9, 10), txn(8, 12, 15, 16), Buffer.alloc(5));
    const missing = join(dir, 'txn', '00000000000000000100.txnindex');
    const r = await dump('--files', `${path},${missing}`);
    expect(r).toEqual({
      code: 0,
      stdout: [
        `Dumping ${path}`,
        'version: 0 producerId: 7 firstOffset: 3 lastOffset: 9 lastStableOffset: 10',
        'version: 0 producerId: 8 firstOffset: 12 lastOffset: 15 lastStableOffset: 16',
        `Dumping ${missing}`,
        '',
      ],
      stderr: '',
    });
  });
});

describe('kt dump-log --transaction-log-decoder', () => {
  it('prints transaction metadata records, tombstones and unknown key versions', async () => {
    const key = encodeTransactionLogKey({ transactionalId: 'tx1' });
    const value = encodeTransactionLogValue(0, {
      producerId: 5n,
      producerEpoch: 1,
      transactionTimeoutMs: 60000,
      transactionStatus: 1,
      transactionPartitions: [{ topic: 't', partitionIds: [0, 1] }],
      transactionLastUpdateTimestampMs: BigInt(T + 7),
      transactionStartTimestampMs: BigInt(T + 6),
    });
    const unknownKey = Buffer.from([0, 1, 0, 0]);
    const batch = encodeRecordBatch({
      records: [
        { timestamp: T, key, value, headers: [] },
        { timestamp: T, key, value: null, headers: [] },
        { timestamp: T, key: unknownKey, value: Buffer.from([0]), headers: [] },
      ],
    });
    const path = write('__transaction_state-0/00000000000000000000.log', batch);
    const r = await dump('--transaction-log-decoder', '--files', path);
    expect(r.stderr).toBe('');
    expect(r.stdout.slice(3)).toEqual([
      `| offset: 0 CreateTime: ${T} keySize: ${key.length} valueSize: ${value.length} sequence: -1 headerKeys: [] key: transaction_metadata::transactionalId=tx1 ` +
        // Kafka's TransactionMetadata holds them in a Scala mutable.HashSet: t-1 (slot 4) before t-0 (slot 5).
        `payload: producerId:5,producerEpoch:1,state=Ongoing,partitions=[t-1,t-0],txnLastUpdateTimestamp=${T + 7},txnTimeoutMs=60000`,
      `| offset: 1 CreateTime: ${T} keySize: ${key.length} valueSize: -1 sequence: -1 headerKeys: [] key: transaction_metadata::transactionalId=tx1 payload: <DELETE>`,
      `| offset: 2 CreateTime: ${T} keySize: 4 valueSize: 1 sequence: -1 headerKeys: [] key: unknown::version=1`,
      '',
    ]);
  });
});

describe('kt dump-log: usage and file errors', () => {
  it('no arguments or --help: the description and option table on stderr, exit 1', async () => {
    for (const args of [[], ['--help']]) {
      const r = await dump(...args);
      expect(r.code).toBe(1);
      expect(r.stdout).toEqual(['']);
      expect(r.stderr).toMatch(/^This tool helps to parse a log file and dump its contents to the console, useful for debugging a seemingly corrupt log segment\.\nOption +Description/);
      expect(r.stderr).toMatch(/\n--files <String: file1, file2, \.\.\.>  REQUIRED: The comma separated list of data *\n/);
    }
  });

  it('a missing --files is a usage error; jopt errors escape as exceptions', async () => {
    const missing = await dump('--deep-iteration');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^Missing required argument "\[files\]"\nOption +Description/);
    const unknown = await dump('--files', 'x.log', '--bogus');
    expect(unknown).toEqual({ code: 1, stdout: [''], stderr: 'joptsimple.UnrecognizedOptionException: bogus is not a recognized option\n' });
    const badBytes = await dump('--files', `${SEGMENT}.log`, '--max-bytes', 'lots');
    expect(badBytes).toEqual({
      code: 1,
      stdout: [`Dumping ${SEGMENT}.log`, ''],
      stderr: "joptsimple.OptionArgumentConversionException: Cannot parse argument 'lots' of option max-bytes\n",
    });
  });

  it('skips unknown suffixes, and stops at a file it cannot read or name', async () => {
    const r = await dump('--files', `${dir}/notes.txt,${dir}/missing/00000000000000000007.log,${SEGMENT}.log`);
    expect(r.code).toBe(1);
    expect(r.stdout).toEqual([`Dumping ${dir}/notes.txt`, `Dumping ${dir}/missing/00000000000000000007.log`, 'Log starting offset: 7', '']);
    expect(r.stderr).toBe(`Ignoring unknown file ${dir}/notes.txt\njava.nio.file.NoSuchFileException: ${dir}/missing/00000000000000000007.log\n`);
    const named = await dump('--files', `${dir}//gappy/segment.log`);
    expect(named).toEqual({ code: 1, stdout: [`Dumping ${dir}/gappy/segment.log`, ''], stderr: 'java.lang.NumberFormatException: For input string: "segment"\n' });
    const noDot = await dump('--files', 'README');
    expect(noDot).toEqual({ code: 1, stdout: ['Dumping README', ''], stderr: 'java.lang.StringIndexOutOfBoundsException: begin -1, end 6, length 6\n' });
  });
});
