// DumpLogSegments.dumpLog: a .log segment (or a KRaft .checkpoint snapshot), one line per batch
// and, with deep iteration, one line per record.
import { startDumpProgress } from './progress.js';
import { LOG_SUFFIX, OFFSET_NAME_WIDTH } from '../../storage/file-names.js';
import { batchLineEnd, batchLineStart, isControlBatch, timestampTypeOf } from './batch.js';
import { describeControlRecord } from './control.js';
import type { MessageParser } from './decoders.js';
import { FileRecords, type FileBatch } from './file-records.js';
import { JavaException, javaAbsolutePath, javaFileName, offsetFromFileName, parseJavaLong } from './java.js';
import type { Printer } from './output.js';
import { recordsOf, type DumpRecord } from './records.js';
import { recordPair, type NonConsecutiveOffsets } from './reports.js';

const INT_MAX = 2147483647;
const RECORD_INDENT = '|';
const BOOTSTRAP_SNAPSHOT = 'bootstrap.checkpoint';

export interface LogDumpSettings {
  readonly printContents: boolean;
  readonly deepIteration: boolean;
  readonly skipRecordMetadata: boolean;
  readonly maxBytes: number;
  readonly parser: MessageParser;
}

export async function dumpLog(out: Printer, file: string, settings: LogDumpSettings, nonConsecutive: NonConsecutiveOffsets): Promise<void> {
  const name = javaFileName(file);
  if (name.endsWith(LOG_SUFFIX)) out.println(`Log starting offset: ${offsetFromFileName(name)}`);
  else if (name === BOOTSTRAP_SNAPSHOT) out.println('KRaft bootstrap snapshot');
  else out.println(snapshotIdLine(name));

  const whole = FileRecords.open(file);
  let records: FileRecords;
  try {
    records = whole.slice(0, settings.maxBytes);
  } finally {
    whole.close(); // the slice keeps the file open
  }
  try {
    const walker = records.batches();
    let validBytes = 0;
    const state = { lastOffset: -1n, file: javaAbsolutePath(file) };
    const progress = startDumpProgress(name, records.sizeInBytes);
    for (let batch = walker.next(); batch !== null; batch = walker.next()) {
      out.print(batchLineStart(batch));
      out.println(batchLineEnd(batch, validBytes));
      if (settings.deepIteration) dumpRecords(out, batch, settings, state, nonConsecutive);
      validBytes += batch.sizeInBytes;
      progress.advance(batch);
      await out.maybeFlush();
    }
    if (progress.active) {
      // The dump's text goes out before the status line, as on the terminal it is seen after it.
      await out.flush();
      progress.end();
    }
    const trailingBytes = records.sizeInBytes - validBytes;
    if (trailingBytes > 0 && settings.maxBytes === INT_MAX) out.println(`Found ${trailingBytes} invalid bytes at the end of ${name}`);
  } finally {
    records.close();
  }
}

function dumpRecords(out: Printer, batch: FileBatch, settings: LogDumpSettings, state: { lastOffset: bigint; file: string }, nonConsecutive: NonConsecutiveOffsets): void {
  const control = isControlBatch(batch);
  const timestampType = timestampTypeOf(batch);
  for (const record of recordsOf(batch)) {
    if (state.lastOffset === -1n) state.lastOffset = record.offset;
    else if (record.offset !== state.lastOffset + 1n) recordPair(nonConsecutive, state.file, [state.lastOffset, record.offset]);
    state.lastOffset = record.offset;

    let prefix = `${RECORD_INDENT} `;
    if (!settings.skipRecordMetadata) {
      out.print(`${prefix}${recordMetadata(record, timestampType)}`);
      prefix = ' ';
      if (control) out.print(describeControlRecord(record.key, record.value));
    }
    if (settings.printContents && !control) {
      const { key, payload } = settings.parser(record);
      if (key !== null) {
        out.print(`${prefix}key: ${key}`);
        prefix = ' ';
      }
      if (payload !== null) out.print(` payload: ${payload}`);
    }
    out.println();
  }
}

function recordMetadata(record: DumpRecord, timestampType: string): string {
  let text = `offset: ${record.offset} ${timestampType}: ${record.timestamp} keySize: ${record.key?.length ?? -1} valueSize: ${record.value?.length ?? -1}`;
  if (record.v2 !== undefined) text += ` sequence: ${record.v2.sequence} headerKeys: [${record.v2.headerKeys.join(',')}]`;
  // Kafka's format string for legacy messages has a stray closing brace.
  if (record.legacy !== undefined) text += ` isValid: ${record.legacy.isValid} crc: ${record.legacy.crc}}`;
  return text;
}

/** Snapshots.parse of `<20-digit end offset>-<10-digit epoch>.checkpoint`. */
function snapshotIdLine(name: string): string {
  const OFFSET_WIDTH = OFFSET_NAME_WIDTH;
  const EPOCH_WIDTH = 10;
  if (name.length < OFFSET_WIDTH + EPOCH_WIDTH + 1) {
    const end = name.length < OFFSET_WIDTH ? OFFSET_WIDTH : OFFSET_WIDTH + EPOCH_WIDTH + 1;
    const begin = name.length < OFFSET_WIDTH ? 0 : OFFSET_WIDTH + 1;
    throw new JavaException('java.lang.StringIndexOutOfBoundsException', `begin ${begin}, end ${end}, length ${name.length}`);
  }
  const endOffset = parseJavaLong(name.slice(0, OFFSET_WIDTH));
  const epochText = name.slice(OFFSET_WIDTH + 1, OFFSET_WIDTH + EPOCH_WIDTH + 1);
  const epoch = parseJavaLong(epochText);
  if (epoch > 2147483647n || epoch < -2147483648n) throw new JavaException('java.lang.NumberFormatException', `For input string: "${epochText}"`);
  return `Snapshot end offset: ${endOffset}, epoch: ${epoch}`;
}
