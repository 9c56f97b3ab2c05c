// Small statistics helpers over plain number arrays.

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Nearest-rank percentile (p in 0..100) of unsorted values; NaN for an empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  // the epsilon keeps float error (99.9 / 100 * 1000 = 999.0000000000001) from moving a rank
  const rank = Math.ceil((p * sorted.length) / 100 - 1e-9);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export const MB = 1024 * 1024;

/** Megabytes (MiB) per second for `bytes` moved in `ms` milliseconds. */
export function mbPerSec(bytes: number, ms: number): number {
  return bytes / MB / (ms / 1000);
}

export const GB = 1024 * MB;

/** Broker CPU seconds per GiB moved (ingested or served). */
export function cpuSecondsPerGb(cpuSeconds: number, bytes: number): number {
  return cpuSeconds / (bytes / GB);
}
