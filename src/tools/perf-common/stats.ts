// ProducerPerformance.Stats: per-window and total throughput/latency lines in Kafka's format,
// latencies sampled (every ⌊N/min(N,500000)⌋-th record) for the percentiles.
import { formatJavaFixed } from '../../java-compat/java-format.js';

const MB = 1024 * 1024;

/** Kafka's percentile pick: sort the first `size` samples, take sample[⌊p·size⌋]. */
export function percentiles(samples: Int32Array, size: number, ps: readonly number[]): number[] {
  const sorted = samples.subarray(0, size).sort();
  return ps.map((p) => sorted[Math.floor(p * size)] ?? 0);
}

/** The final summary of producer-perf-test (and `--json`'s document for it). */
export interface ProducerPerfSummary {
  readonly records: number;
  readonly recordsPerSec: number;
  readonly mbPerSec: number;
  readonly avgLatencyMs: number;
  readonly maxLatencyMs: number;
  readonly p50LatencyMs: number;
  readonly p95LatencyMs: number;
  readonly p99LatencyMs: number;
  readonly p999LatencyMs: number;
}

/** The summary line Kafka prints. */
export function formatProducerPerfSummary(s: ProducerPerfSummary): string {
  return (
    `${s.records} records sent, ${formatJavaFixed(s.recordsPerSec, 1)} records/sec (${formatJavaFixed(s.mbPerSec, 2)} MB/sec), ` +
    `${formatJavaFixed(s.avgLatencyMs, 2)} ms avg latency, ${formatJavaFixed(s.maxLatencyMs, 2)} ms max latency, ` +
    `${s.p50LatencyMs} ms 50th, ${s.p95LatencyMs} ms 95th, ${s.p99LatencyMs} ms 99th, ${s.p999LatencyMs} ms 99.9th.\n`
  );
}

export class PerfStats {
  private readonly start: number;
  private windowStart: number;
  private iteration = 0;
  private readonly sampling: number;
  private readonly latencies: Int32Array;
  private index = 0;
  count = 0;
  bytes = 0;
  private maxLatency = 0;
  private totalLatency = 0;
  private windowCount = 0;
  private windowMaxLatency = 0;
  private windowTotalLatency = 0;
  private windowBytes = 0;

  constructor(
    numRecords: number,
    private readonly reportingIntervalMs: number,
    private readonly print: (line: string) => void,
    now = Date.now(),
  ) {
    this.start = now;
    this.windowStart = now;
    this.sampling = Math.floor(numRecords / Math.min(numRecords, 500_000));
    this.latencies = new Int32Array(Math.floor(numRecords / this.sampling) + 1);
  }

  record(latency: number, bytes: number, time: number): void {
    this.count++;
    this.bytes += bytes;
    this.totalLatency += latency;
    if (latency > this.maxLatency) this.maxLatency = latency;
    this.windowCount++;
    this.windowBytes += bytes;
    this.windowTotalLatency += latency;
    if (latency > this.windowMaxLatency) this.windowMaxLatency = latency;
    if (this.iteration % this.sampling === 0 && this.index < this.latencies.length) this.latencies[this.index++] = latency;
    this.iteration++;
    if (time - this.windowStart >= this.reportingIntervalMs) {
      this.printWindow(time);
      this.newWindow(time);
    }
  }

  printWindow(now = Date.now()): void {
    const elapsed = now - this.windowStart;
    const recsPerSec = (1000.0 * this.windowCount) / elapsed;
    const mbPerSec = (1000.0 * this.windowBytes) / elapsed / MB;
    this.print(
      `${this.windowCount} records sent, ${formatJavaFixed(recsPerSec, 1)} records/sec (${formatJavaFixed(mbPerSec, 2)} MB/sec), ` +
        `${formatJavaFixed(this.windowTotalLatency / this.windowCount, 1)} ms avg latency, ${formatJavaFixed(this.windowMaxLatency, 1)} ms max latency.\n`,
    );
  }

  printTotal(now = Date.now()): void {
    this.print(formatProducerPerfSummary(this.total(now)));
  }

  /** The totals since the start. */
  total(now = Date.now()): ProducerPerfSummary {
    const elapsed = now - this.start;
    const [p50, p95, p99, p999] = percentiles(this.latencies, Math.min(this.count, this.index), [0.5, 0.95, 0.99, 0.999]);
    return {
      records: this.count,
      recordsPerSec: (1000.0 * this.count) / elapsed,
      mbPerSec: (1000.0 * this.bytes) / elapsed / MB,
      avgLatencyMs: this.totalLatency / this.count,
      maxLatencyMs: this.maxLatency,
      p50LatencyMs: p50!,
      p95LatencyMs: p95!,
      p99LatencyMs: p99!,
      p999LatencyMs: p999!,
    };
  }

  private newWindow(now: number): void {
    this.windowStart = now;
    this.windowCount = 0;
    this.windowMaxLatency = 0;
    this.windowTotalLatency = 0;
    this.windowBytes = 0;
  }
}
