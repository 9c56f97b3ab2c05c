import { describe, expect, it } from 'vitest';
import { exportResetPlan, parseResetPlan } from '../../../src/tools/consumer-groups/csv.js';
import { GroupCommandFailure } from '../../../src/tools/consumer-groups/errors.js';
import { javaSplit, parseStateFilter, parseTopicWithPartitions, parseTypeFilter, splitTopicArgs } from '../../../src/tools/consumer-groups/input.js';
import { parseIsoDuration, parseResetDateTime, timestampBefore } from '../../../src/tools/consumer-groups/time.js';
import { UsageError } from '../../../src/cli/tool.js';

function thrown(f: () => unknown): { kind: string; message: string } {
  try {
    f();
  } catch (e) {
    return { kind: e instanceof UsageError ? 'usage' : e instanceof GroupCommandFailure ? 'failure' : 'other', message: (e as Error).message };
  }
  throw new Error('expected a failure');
}

describe('consumer-groups option values', () => {
  it('splits like Java String.split', () => {
    expect(javaSplit('a,b,,', ',')).toEqual(['a', 'b']);
    expect(javaSplit('', ',')).toEqual(['']);
    expect(javaSplit(',', ',')).toEqual([]);
    expect(javaSplit(',a', ',')).toEqual(['', 'a']);
  });

  it('parses --state and --type lists case-insensitively', () => {
    expect(parseStateFilter('stable, EMPTY')).toEqual(['Stable', 'Empty']);
    expect(parseTypeFilter('Classic,consumer')).toEqual(['Classic', 'Consumer']);
    expect(thrown(() => parseStateFilter('stable,bogus'))).toEqual({
      kind: 'usage',
      message: "Invalid state list 'stable,bogus'. Valid states are: PreparingRebalance, CompletingRebalance, Stable, Dead, Empty, Assigning, Reconciling",
    });
    expect(thrown(() => parseTypeFilter('x'))).toEqual({ kind: 'usage', message: "Invalid types list 'x'. Valid types are: Consumer, Classic, Share" });
  });

  it('parses topic:partitions', () => {
    expect(parseTopicWithPartitions('t:0,2')).toEqual([
      { topic: 't', partition: 0 },
      { topic: 't', partition: 2 },
    ]);
    expect(thrown(() => parseTopicWithPartitions('t:x'))).toEqual({ kind: 'usage', message: "Invalid partition 'x' specified in topic arg 't:x''" });
    expect(thrown(() => parseTopicWithPartitions('a:b:c'))).toEqual({ kind: 'usage', message: "Invalid topic arg 'a:b:c', expected topic name and partitions" });
    expect(thrown(() => parseTopicWithPartitions('t:'))).toEqual({ kind: 'usage', message: "Invalid topic arg 't:', expected topic name and partitions" });
    expect(splitTopicArgs(['a', 'b:1', 'c'])).toEqual({ partitions: [{ topic: 'b', partition: 1 }], wholeTopics: ['a', 'c'] });
  });
});

describe('--to-datetime and --by-duration', () => {
  it('parses Kafka datetimes: UTC without a zone, Z, ±hh:mm, ±hh', () => {
    expect(parseResetDateTime('2024-01-02T03:04:05.678')).toBe(Date.UTC(2024, 0, 2, 3, 4, 5, 678));
    expect(parseResetDateTime('2024-01-02T03:04:05.678Z')).toBe(Date.UTC(2024, 0, 2, 3, 4, 5, 678));
    expect(parseResetDateTime('2024-01-02T03:04:05.000+02:00')).toBe(Date.UTC(2024, 0, 2, 1, 4, 5, 0));
    expect(parseResetDateTime('2024-01-02T03:04:05.000-01')).toBe(Date.UTC(2024, 0, 2, 4, 4, 5, 0));
    expect(parseResetDateTime('2024-02-29T00:00:00.5')).toBe(Date.UTC(2024, 1, 29, 0, 0, 0, 5));
  });

  it('fails with the ParseException texts', () => {
    expect(thrown(() => parseResetDateTime('2024-01-02'))).toEqual({
      kind: 'failure',
      message: "java.text.ParseException: Error parsing timestamp. It does not contain a 'T' according to ISO8601 format",
    });
    expect(thrown(() => parseResetDateTime('2024-01-02T03:04:05'))).toEqual({ kind: 'failure', message: 'java.text.ParseException: Unparseable date: "2024-01-02T03:04:05Z"' });
    expect(thrown(() => parseResetDateTime('2023-02-29T00:00:00.000'))).toEqual({ kind: 'failure', message: 'java.text.ParseException: Unparseable date: "2023-02-29T00:00:00.000Z"' });
  });

  it('parses ISO-8601 durations in nanoseconds', () => {
    expect(parseIsoDuration('PT1H')).toBe(3_600_000_000_000n);
    expect(parseIsoDuration('P1DT2M')).toBe((86_400n + 120n) * 1_000_000_000n);
    expect(parseIsoDuration('pt-1.5s')).toBe(-1_500_000_000n);
    expect(parseIsoDuration('-PT10S')).toBe(-10_000_000_000n);
    for (const bad of ['PT', 'P', '1H', 'PT1']) expect(thrown(() => parseIsoDuration(bad))).toEqual({ kind: 'failure', message: 'Text cannot be parsed to a Duration' });
    expect(timestampBefore(10_000, 2_500_000_000n)).toBe(7_500);
    expect(timestampBefore(0, 1n)).toBe(-1);
  });
});

describe('reset plan CSV', () => {
  const plan = [
    ['g1', [{ topic: 't', partition: 0, offset: 5 }]],
    ['my group', [{ topic: 'a-topic-name-longer-than-24', partition: 1, offset: 7 }]],
  ] as const;

  it('exports with or without the group column, quoting as Jackson does', () => {
    expect(exportResetPlan(plan, true)).toBe('g1,t,0,5\n"my group","a-topic-name-longer-than-24",1,7\n');
    expect(exportResetPlan([plan[0]], false)).toBe('t,0,5\n');
  });

  it('reads both formats back', () => {
    const single = parseResetPlan('t,0,5\nt,1,9\n', 'g');
    expect([...single.keys()]).toEqual(['g']);
    expect([...single.get('g')!.values()]).toEqual([
      { topic: 't', partition: 0, offset: 5 },
      { topic: 't', partition: 1, offset: 9 },
    ]);
    const multi = parseResetPlan('g1,t,0,5\n"my group",u,1,7\n', undefined);
    expect([...multi.keys()]).toEqual(['g1', 'my group']);
    expect([...multi.get('my group')!.values()]).toEqual([{ topic: 'u', partition: 1, offset: 7 }]);
    // One group named but a four-column file: read with the group column.
    expect([...parseResetPlan('g1,t,0,5\n', 'g1').get('g1')!.values()]).toEqual([{ topic: 't', partition: 0, offset: 5 }]);
    expect(thrown(() => parseResetPlan('g,t,x,5\n', undefined))).toEqual({
      kind: 'failure',
      message: 'com.fasterxml.jackson.databind.exc.InvalidFormatException: Cannot deserialize value of type `int` from String "x": not a valid `int` value',
    });
  });
});
