// The bench's pure parts: the results table, the met? verdicts, percentiles and the parsers of
// Kafka's perf tool output. (The scenarios themselves run in `npm run bench:quick`.)
import { describe, expect, it } from 'vitest';
import { parseConsumerPerfRow, parseE2eLatency, parseProducerPerfSummary } from '../../bench/lib/kt-output.js';
import { formatTable, metOf, ratioOf, type Row } from '../../bench/lib/report.js';
import { mbPerSec, median, percentile } from '../../bench/lib/stats.js';

describe('report', () => {
  const produce: Row = {
    figure: 'produce',
    value: 140,
    unit: 'MB/s',
    limit: { name: 'disk append', value: 200, unit: 'MB/s' },
    target: { on: 'ratio', op: '>=', threshold: 0.7 },
  };

  it('judges ratio and value targets, and targets stated for another volume', () => {
    expect(ratioOf(produce)).toBe(0.7);
    expect(metOf(produce)).toBe('yes');
    expect(metOf({ ...produce, value: 139 })).toBe('NO');
    expect(metOf({ figure: 'p99', value: 5, unit: 'ms', target: { on: 'value', op: '<=', threshold: 5 } })).toBe('yes');
    expect(metOf({ figure: 'p99', value: 5.01, unit: 'ms', target: { on: 'value', op: '<=', threshold: 5 } })).toBe('NO');
    expect(metOf({ figure: 'rss', value: 999, unit: 'MB', target: { on: 'value', op: '<=', threshold: 300, applies: false } })).toBe('n/a (volume)');
    expect(metOf({ figure: 'x', value: 1, unit: 'ms' })).toBe('');
    expect(metOf({ figure: 'x', value: 1, unit: 'MB/s', target: { on: 'ratio', op: '>=', threshold: 1 } })).toBe('n/a');
  });

  it('formats one Markdown row per figure', () => {
    const table = formatTable([produce, { figure: 'a|b', value: 1_234_567.8, unit: 'records/s', note: 'n' }]);
    expect(table.split('\n')).toEqual([
      '| figure | value | limit | ratio | target | met? | note |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      '| produce | 140 MB/s | 200 MB/s (disk append) | 0.70 | >= 0.7 x limit | yes |  |',
      '| a\\|b | 1,234,568 records/s |  |  |  |  | n |',
    ]);
  });
});

describe('stats', () => {
  it('takes nearest-rank percentiles', () => {
    const values = Array.from({ length: 1000 }, (_, i) => 1000 - i); // 1000..1
    expect(percentile(values, 50)).toBe(500);
    expect(percentile(values, 99)).toBe(990);
    expect(percentile(values, 99.9)).toBe(999);
    expect(percentile(values, 100)).toBe(1000);
    expect(median([3, 1, 2])).toBe(2);
    expect(percentile([], 50)).toBeNaN();
    expect(mbPerSec(3 * 1024 * 1024, 1500)).toBe(2);
  });
});

describe('Kafka perf tool output', () => {
  it('reads the producer-perf-test summary line', () => {
    const out =
      '50000 records sent, 9998.0 records/sec (9.76 MB/sec), 3.10 ms avg latency, 40.0 ms max latency.\n' +
      '100000 records sent, 49975.0 records/sec (4.77 MB/sec), 5.21 ms avg latency, 170.00 ms max latency, 3 ms 50th, 14 ms 95th, 21 ms 99th, 24 ms 99.9th.\n';
    expect(parseProducerPerfSummary(out)).toEqual({ recordsPerSec: 49975, mbPerSec: 4.77 });
    expect(parseProducerPerfSummary('nothing')).toBeUndefined();
  });

  it('reads the consumer-perf-test row by its header', () => {
    const out =
      'start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec\n' +
      '2026-11-21 07:00:00:000, 2026-11-21 07:00:01:000, 256.0000, 256.0000, 262144, 262144.0000, 10, 990, 258.5859, 264791.9192\n';
    expect(parseConsumerPerfRow(out)).toEqual({ mbPerSec: 256, recordsPerSec: 262144, fetchMbPerSec: 258.5859, fetchRecordsPerSec: 264791.9192 });
    expect(parseConsumerPerfRow('start.time, MB.sec\n')).toBeUndefined();
  });

  it('reads the e2e-latency percentiles', () => {
    expect(parseE2eLatency('Avg latency: 1.2345 ms\nPercentiles: 50th = 1, 99th = 3, 99.9th = 7\n')).toEqual({ p50: 1, p99: 3, p999: 7 });
  });
});
