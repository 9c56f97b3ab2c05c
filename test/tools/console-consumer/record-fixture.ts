// Records for formatter tests, read back the way the console consumer reads them: encoded into a
// real record batch and handed out by the client's PartitionRecords into a RecordView.
import { PartitionRecords, RecordView } from '../../../src/client/record-view.js';
import { encodeRecordBatch } from '../../../src/protocol/records/record-batch.js';
import { TimestampType } from '../../../src/storage/batch-header.js';
import type { MessageFormatter } from '../../../src/tools/console-consumer/message-formatter.js';
import { RecordOutput } from '../../../src/tools/console-consumer/record-output.js';
import { PassThrough } from 'node:stream';

export interface PlainRecord {
  topic?: string;
  partition?: number;
  offset?: number;
  timestamp?: number;
  logAppendTime?: boolean;
  key: Buffer | null;
  value: Buffer | null;
  headers?: Array<[string, Buffer | null]>;
}

/** A RecordView of one record (a fresh view: it does not change under the caller). */
export function recordView(r: PlainRecord): RecordView {
  const batch = encodeRecordBatch({
    baseOffset: r.offset ?? 0,
    timestampType: r.logAppendTime === true ? TimestampType.LogAppendTime : TimestampType.CreateTime,
    records: [{ timestamp: r.timestamp ?? 0, key: r.key, value: r.value, headers: (r.headers ?? []).map(([key, value]) => ({ key, value })) }],
  });
  const view = new RecordView();
  const ok = new PartitionRecords(r.topic ?? 't', r.partition ?? 0, batch, 0, null).next(view);
  if (!ok) throw new Error('no record');
  return view;
}

/** What `formatter` writes for the records, as one Buffer. */
export async function formatted(formatter: MessageFormatter, ...records: RecordView[]): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const out = new RecordOutput(stream);
  for (const r of records) formatter.writeTo(r, out);
  await out.flush();
  await new Promise((r) => setImmediate(r));
  return Buffer.concat(chunks);
}
