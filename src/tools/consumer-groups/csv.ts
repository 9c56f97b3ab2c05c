// The CSV of --reset-offsets --export and --from-file, as Kafka writes and reads it with Jackson's
// CsvMapper: `topic,partition,offset` when exactly one --group was given, otherwise
// `group,topic,partition,offset`; no header; one record per line.
import { GroupCommandFailure } from './errors.js';
import { javaSplit } from './input.js';
import { tpKey } from './order.js';
import type { PlannedOffset } from './format.js';

/**
 * Jackson's default (loose) quoting: a value longer than 24 characters, or with any character
 * below '-' (space, comma, quote, control characters...), is quoted, quotes doubled.
 */
function csvValue(value: string): string {
  const needsQuotes = value.length > 24 || [...value].some((c) => c.charCodeAt(0) < 0x2d);
  return needsQuotes ? `"${value.replaceAll('"', '""')}"` : value;
}

/** exportOffsetsToCsv: the lines for every group's plan, in the order given. */
export function exportResetPlan(plan: ReadonlyArray<readonly [string, readonly PlannedOffset[]]>, withGroup: boolean): string {
  let out = '';
  for (const [group, offsets] of plan) {
    for (const o of offsets) {
      const fields = [csvValue(o.topic), String(o.partition), String(o.offset)];
      out += `${withGroup ? `${csvValue(group)},` : ''}${fields.join(',')}\n`;
    }
  }
  return out;
}

/** One CSV record's fields (RFC 4180 quoting). */
function csvFields(line: string): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (line[i] === '"') {
      i++;
      while (i < line.length) {
        if (line[i] === '"' && line[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (line[i] === '"') {
          i++;
          break;
        } else field += line[i++];
      }
      const comma = line.indexOf(',', i);
      i = comma < 0 ? line.length : comma;
    } else {
      const comma = line.indexOf(',', i);
      const end = comma < 0 ? line.length : comma;
      field = line.slice(i, end);
      i = end;
    }
    fields.push(field);
    if (i >= line.length) return fields;
    i++; // the comma
  }
}

type JavaNumberType = 'int' | 'long';

function numberField(text: string | undefined, type: JavaNumberType): number {
  // Jackson leaves a missing column at its default and trims numeric text.
  const t = (text ?? '').trim();
  if (t === '') return 0;
  const bits = type === 'long' ? 63n : 31n;
  const valid = /^[-+]?[0-9]+$/.test(t) && BigInt(t) >= -(2n ** bits) && BigInt(t) < 2n ** bits;
  if (!valid) {
    throw new GroupCommandFailure(`com.fasterxml.jackson.databind.exc.InvalidFormatException: Cannot deserialize value of type \`${type}\` from String "${t}": not a valid \`${type}\` value`);
  }
  return Number(t);
}

interface CsvRecord {
  readonly group: string;
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
}

function readRecord(line: string, withGroup: boolean): CsvRecord {
  if (line === '') throw new GroupCommandFailure('com.fasterxml.jackson.databind.exc.MismatchedInputException: No content to map due to end-of-input');
  const fields = csvFields(line);
  const columns = withGroup ? 4 : 3;
  if (fields.length > columns) throw new GroupCommandFailure(`com.fasterxml.jackson.dataformat.csv.CsvReadException: Too many entries: expected at most ${columns}`);
  const [group, rest] = withGroup ? [fields[0] ?? '', fields.slice(1)] : ['', fields];
  return { group, topic: rest[0] ?? '', partition: numberField(rest[1], 'int'), offset: numberField(rest[2], 'long') };
}

/**
 * parseResetPlan: the planned offsets per group. A file whose first line reads as
 * `topic,partition,offset` is taken as that format when exactly one group was given (`singleGroup`);
 * otherwise every line must be `group,topic,partition,offset`.
 */
export function parseResetPlan(csv: string, singleGroup: string | undefined): Map<string, Map<string, PlannedOffset>> {
  const lines = javaSplit(csv, '\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  let oldFormat = false;
  if (lines.length > 0) {
    try {
      readRecord(lines[0]!, false);
      oldFormat = true;
    } catch {
      // Not the three-column format.
    }
  }
  const withGroup = !(singleGroup !== undefined && oldFormat);
  const plan = new Map<string, Map<string, PlannedOffset>>();
  for (const line of lines) {
    const record = readRecord(line, withGroup);
    const group = withGroup ? record.group : singleGroup!;
    let forGroup = plan.get(group);
    if (forGroup === undefined) plan.set(group, (forGroup = new Map()));
    const planned = { topic: record.topic, partition: record.partition, offset: record.offset };
    forGroup.set(tpKey(planned), planned);
  }
  return plan;
}
