// The typed results of the perf tools' summaries, as `--json` prints them (docs/json-output.md).
import type { PerfMetric } from './metrics.js';
import type { ProducerPerfSummary } from './stats.js';

/** One metric of --print-metrics: `group:name:{tags}` and its value. */
export interface MetricEntry {
  readonly group: string;
  readonly name: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly value: number;
}

export function metricEntry(m: PerfMetric): MetricEntry {
  return { group: m.group, name: m.name, tags: Object.fromEntries(m.tags), value: m.value };
}

/** producer-perf-test: the final summary line's values; `metrics` with --print-metrics, else null. */
export interface ProducerPerfResult extends ProducerPerfSummary {
  readonly metrics: readonly MetricEntry[] | null;
}

/** consumer-perf-test: the summary line's values (also printed with --show-detailed-stats). */
export interface ConsumerPerfResult {
  /** Epoch milliseconds (the text prints them with --date-format). */
  readonly startTimeMs: number;
  readonly endTimeMs: number;
  readonly dataConsumedMb: number;
  readonly mbPerSec: number;
  readonly messagesConsumed: number;
  readonly messagesPerSec: number;
  readonly rebalanceTimeMs: number;
  readonly fetchTimeMs: number;
  readonly fetchMbPerSec: number;
  readonly fetchMessagesPerSec: number;
  readonly metrics: readonly MetricEntry[] | null;
}
