// Samples a process's resident set size (VmRSS) over time, and the slope of a sample series.
import { rssBytes } from '../../lib/processes.js';

export interface RssSample {
  /** Milliseconds since sampling started. */
  t: number;
  bytes: number;
}

export class RssSampler {
  readonly samples: RssSample[] = [];
  private readonly timer: NodeJS.Timeout;
  private readonly t0 = performance.now();

  constructor(
    private readonly pid: number,
    intervalMs: number,
  ) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  private sample(): void {
    const bytes = rssBytes(this.pid);
    if (bytes > 0) this.samples.push({ t: performance.now() - this.t0, bytes });
  }

  stop(): RssSample[] {
    clearInterval(this.timer);
    this.sample();
    return this.samples;
  }

  peak(): number {
    return Math.max(0, ...this.samples.map((s) => s.bytes));
  }
}

/** Least-squares slope of the samples, in MB (2^20) per minute; 0 for fewer than two samples. */
export function slopeMbPerMin(samples: readonly RssSample[]): number {
  const n = samples.length;
  if (n < 2) return 0;
  let sx = 0;
  let sy = 0;
  for (const s of samples) {
    sx += s.t;
    sy += s.bytes;
  }
  const mx = sx / n;
  const my = sy / n;
  let num = 0;
  let den = 0;
  for (const s of samples) {
    num += (s.t - mx) * (s.bytes - my);
    den += (s.t - mx) ** 2;
  }
  return den === 0 ? 0 : ((num / den) * 60_000) / 2 ** 20;
}

/** A few samples spread over the series, as "t s: N MB" text. */
export function describeSamples(samples: readonly RssSample[], count = 8): string {
  if (samples.length === 0) return '';
  const picks = new Set<number>();
  for (let i = 0; i < count; i++) picks.add(Math.round((i * (samples.length - 1)) / Math.max(1, count - 1)));
  return [...picks].map((i) => `${Math.round(samples[i]!.t / 1000)} s: ${Math.round(samples[i]!.bytes / 2 ** 20)} MB`).join(', ');
}
