// Produce-time record timestamp rules (Kafka's LogValidator.validateTimestamp), applied to every
// record by the record walk (record-walk.ts):
//   - CreateTime topic: a record with a timestamp must lie within [now - before, now + after]
//     (message.timestamp.before/after.max.ms; unbounded by default, so nothing is refused);
//   - a batch that claims LogAppendTime is refused when the topic is LogAppendTime, or when its
//     records carry no timestamp (the only cases where Kafka's check reaches that branch).
// Any failing record rejects the whole batch with INVALID_TIMESTAMP and one error per record.

export interface TimestampPolicy {
  /** message.timestamp.type=LogAppendTime. */
  logAppendTime: boolean;
  /** message.timestamp.before.max.ms; Infinity = no bound (Long.MAX_VALUE). */
  beforeMaxMs: number;
  /** message.timestamp.after.max.ms; Infinity = no bound. */
  afterMaxMs: number;
}

/** Kafka's record error text for a timestamp outside message.timestamp.before/after.max.ms. */
export function outOfRangeMessage(timestamp: number, offset: number, now: number, policy: TimestampPolicy): string {
  return `Timestamp ${timestamp} of message with offset ${offset} is out of range. The timestamp should be within [${javaLong(now, -policy.beforeMaxMs)}, ${javaLong(now, policy.afterMaxMs)}]`;
}

const LONG_MAX = 9223372036854775807n;

/** now ± a bound as Java computes it in 64 bits (an unbounded Long.MAX_VALUE wraps around). */
function javaLong(now: number, delta: number): string {
  const d = Number.isFinite(delta) ? BigInt(delta) : delta > 0 ? LONG_MAX : -LONG_MAX;
  return BigInt.asIntN(64, BigInt(now) + d).toString();
}
