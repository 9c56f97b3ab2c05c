// The two time arguments of --reset-offsets: --to-datetime (Kafka's Utils.getDateTime, a strict
// SimpleDateFormat `yyyy-MM-dd'T'HH:mm:ss.SSS` with an optional zone, UTC when absent) and
// --by-duration (java.time.Duration.parse, ISO-8601 `PnDTnHnMn.nS`).
import { GroupCommandFailure } from './errors.js';

/** Utils.getDateTime: epoch milliseconds, or the ParseException text Kafka prints. */
export function parseResetDateTime(input: string): number {
  let timestamp = input;
  const parts = input.split('T');
  while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  if (parts.length < 2) {
    throw new GroupCommandFailure("java.text.ParseException: Error parsing timestamp. It does not contain a 'T' according to ISO8601 format");
  }
  const timePart = parts[1]!;
  if (!(timePart.includes('+') || timePart.includes('-') || timePart.includes('Z'))) timestamp += 'Z';
  const epoch = parseStrictIsoMillis(timestamp);
  if (epoch === undefined) throw new GroupCommandFailure(`java.text.ParseException: Unparseable date: "${timestamp}"`);
  return epoch;
}

// SimpleDateFormat parses a prefix of the text (trailing characters are ignored) and, when not
// lenient, rejects fields out of range. Zones: `Z`, `±hh:mm` (XXX) or `±hh` (X).
const DATE_TIME = /^(\d+)-(\d+)-(\d+)T(\d+):(\d+):(\d+)\.(\d+)(Z|[+-]\d{2}:\d{2}|[+-]\d{2})/;

function parseStrictIsoMillis(text: string): number | undefined {
  const m = DATE_TIME.exec(text);
  if (m === null) return undefined;
  const [year, month, day, hour, minute, second, millis] = m.slice(1, 8).map(Number) as [number, number, number, number, number, number, number];
  const zone = m[8]!;
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59 || millis > 999) return undefined;
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const hh = Number(zone.slice(1, 3));
    const mm = zone.length > 3 ? Number(zone.slice(4, 6)) : 0;
    if (hh > 23 || mm > 59) return undefined;
    offsetMinutes = sign * (hh * 60 + mm);
  }
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millis);
  return date.getTime() - offsetMinutes * 60_000;
}

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

// java.time.Duration's pattern (case-insensitive): days, then T with hours, minutes, seconds.
const DURATION = /^([-+]?)P(?:([-+]?[0-9]+)D)?(T(?:([-+]?[0-9]+)H)?(?:([-+]?[0-9]+)M)?(?:([-+]?[0-9]+)(?:[.,]([0-9]{0,9}))?S)?)?$/i;

const NANOS_PER_SECOND = 1_000_000_000n;

/** Duration.parse, in nanoseconds; DateTimeParseException's message when the text is not one. */
export function parseIsoDuration(text: string): bigint {
  const m = DURATION.exec(text);
  const invalid = () => new GroupCommandFailure('Text cannot be parsed to a Duration');
  if (m === null) throw invalid();
  const [, negate, days, tPart, hours, minutes, seconds, fraction] = m;
  // A bare "T" (or nothing at all) is not a duration.
  if (tPart?.toUpperCase() === 'T' || (days === undefined && hours === undefined && minutes === undefined && seconds === undefined)) throw invalid();
  const n = (v: string | undefined) => (v === undefined ? 0n : BigInt(v));
  const totalSeconds = n(days) * 86_400n + n(hours) * 3_600n + n(minutes) * 60n + n(seconds);
  let nanos = fraction === undefined || fraction === '' ? 0n : BigInt(fraction.padEnd(9, '0'));
  if (seconds?.startsWith('-')) nanos = -nanos;
  let total = totalSeconds * NANOS_PER_SECOND + nanos;
  if (negate === '-') total = -total;
  return total;
}

/** `Instant.now().minus(duration).toEpochMilli()`: milliseconds, rounded toward negative infinity. */
export function timestampBefore(nowMs: number, durationNanos: bigint): number {
  const nanos = BigInt(nowMs) * 1_000_000n - durationNanos;
  const ms = nanos / 1_000_000n;
  return Number(nanos < 0n && nanos % 1_000_000n !== 0n ? ms - 1n : ms);
}
