import { describe, expect, it } from 'vitest';
import { PerfStats, percentiles } from '../../../src/tools/perf-common/stats.js';
import { ThroughputThrottler } from '../../../src/tools/producer-perf-test/throughput-throttler.js';
import { formatMetrics } from '../../../src/tools/perf-common/metrics.js';

describe('percentiles', () => {
  it('sorts the sample and picks sample[floor(p * size)]', () => {
    const samples = Int32Array.from([9, 1, 8, 2, 7, 3, 6, 4, 5, 0, 99]);
    // size 10: the trailing 99 is outside the sample
    expect(percentiles(samples, 10, [0.5, 0.95, 0.99, 0.999])).toEqual([5, 9, 9, 9]);
    expect(percentiles(Int32Array.from([3]), 1, [0.5])).toEqual([3]);
  });
});

describe('PerfStats', () => {
  it('prints the window line after the reporting interval and Kafka\'s summary', () => {
    const lines: string[] = [];
    const stats = new PerfStats(4, 5000, (l) => lines.push(l), 1000);
    stats.record(10, 100, 2000);
    stats.record(20, 100, 3000);
    stats.record(3, 100, 6000); // 5000 ms after the window start: window line
    expect(lines).toEqual(['3 records sent, 0.6 records/sec (0.00 MB/sec), 11.0 ms avg latency, 20.0 ms max latency.\n']);
    stats.record(5, 1048576, 7000);
    stats.printTotal(9000);
    expect(lines[1]).toBe(
      '4 records sent, 0.5 records/sec (0.13 MB/sec), 9.50 ms avg latency, 20.00 ms max latency, 10 ms 50th, 20 ms 95th, 20 ms 99th, 20 ms 99.9th.\n',
    );
  });

  it('samples every floor(N / min(N, 500000))-th latency', () => {
    const lines: string[] = [];
    const stats = new PerfStats(1_000_000, 5000, (l) => lines.push(l), 0);
    for (let i = 0; i < 1_000_000; i++) stats.record(i % 2 === 0 ? 1 : 1000, 1, 1);
    stats.printTotal(1000);
    // Only even records (latency 1) are sampled, so every percentile is 1 while the max is 1000.
    expect(lines[0]).toMatch(/1000\.00 ms max latency, 1 ms 50th, 1 ms 95th, 1 ms 99th, 1 ms 99\.9th\.\n$/);
  });
});

describe('ThroughputThrottler', () => {
  it('never throttles a negative target and throttles above the target rate', () => {
    expect(new ThroughputThrottler(-1, 0).shouldThrottle(1_000_000, 1)).toBe(false);
    const t = new ThroughputThrottler(100, 0);
    expect(t.shouldThrottle(0, 0)).toBe(false); // no time elapsed yet
    expect(t.shouldThrottle(50, 1000)).toBe(false);
    expect(t.shouldThrottle(101, 1000)).toBe(true);
  });
});

describe('formatMetrics', () => {
  it('sorts by group:name:tags and pads to the longest name', () => {
    const text = formatMetrics([
      { group: 'producer-metrics', name: 'request-total', tags: [['client-id', 'c']], value: 3 },
      { group: 'producer-metrics', name: 'batch-size-avg', tags: [['client-id', 'c']], value: 1.0005 },
    ]);
    expect(text).toBe(
      `\n${'Metric Name'.padEnd(45)}   Value\n` +
        'producer-metrics:batch-size-avg:{client-id=c} : 1.001\n' +
        'producer-metrics:request-total:{client-id=c}  : 3.000\n',
    );
  });
});
