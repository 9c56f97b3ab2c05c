// kt console-consumer --json: one JSON object per record and line (docs/json-output.md):
// {"topic","partition","offset","timestamp","timestampType","key","value","headers":[{"key","value"}]}.
// Keys, values and header values are UTF-8 text (invalid sequences become U+FFFD) or, with
// --json-encoding base64, base64; null stays null.
import type { RecordView } from '../../../client/record-view.js';
import type { MessageFormatter } from '../message-formatter.js';
import type { RecordOutput } from '../record-output.js';

export type JsonEncoding = 'utf8' | 'base64';

export const JSON_ENCODINGS: readonly JsonEncoding[] = ['utf8', 'base64'];

/** The JSON shape of one record (the documented API). */
export interface JsonRecord {
  topic: string;
  partition: number;
  offset: number;
  timestamp: number;
  timestampType: 'CreateTime' | 'LogAppendTime' | 'NoTimestampType';
  key: string | null;
  value: string | null;
  headers: Array<{ key: string; value: string | null }>;
}

export class JsonFormatter implements MessageFormatter {
  constructor(private readonly encoding: JsonEncoding) {}

  writeTo(r: RecordView, out: RecordOutput): void {
    const encode = (b: Buffer | null) => (b === null ? 'null' : JSON.stringify(b.toString(this.encoding)));
    let headers = '';
    if (r.headerCount > 0) headers = r.headers().map(([key, value]) => `{"key":${JSON.stringify(key)},"value":${encode(value)}}`).join(',');
    out.text(
      `{"topic":${JSON.stringify(r.topic)},"partition":${r.partition},"offset":${r.offset},"timestamp":${r.timestamp},"timestampType":"${r.timestampType}",` +
        `"key":${encode(r.key())},"value":${encode(r.value())},"headers":[${headers}]}\n`,
    );
  }
}
