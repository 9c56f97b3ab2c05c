// Kafka's ThroughputThrottler: after each send, if the average rate since start exceeds the
// target, sleep off the accumulated deficit once it reaches 2 ms. -1 (any negative) never
// throttles; 0 blocks forever after the first record.
const NS_PER_SEC = 1_000_000_000;
const MIN_SLEEP_NS = 2_000_000;

export class ThroughputThrottler {
  private readonly sleepTimeNs: number;
  private sleepDeficitNs = 0;

  constructor(
    private readonly targetThroughput: number,
    private readonly startMs: number,
  ) {
    this.sleepTimeNs = targetThroughput > 0 ? Math.floor(NS_PER_SEC / targetThroughput) : Number.MAX_SAFE_INTEGER;
  }

  shouldThrottle(amountSoFar: number, sendStartMs: number): boolean {
    if (this.targetThroughput < 0) return false;
    // Java computes the elapsed seconds as a float.
    const elapsedSec = Math.fround((sendStartMs - this.startMs) / 1000);
    return elapsedSec > 0 && amountSoFar / elapsedSec > this.targetThroughput;
  }

  /** Resolves after the sleep Kafka would take (never for a target of 0). */
  async throttle(): Promise<void> {
    if (this.targetThroughput === 0) {
      await new Promise<void>(() => setInterval(() => undefined, 1 << 30));
      return;
    }
    this.sleepDeficitNs += this.sleepTimeNs;
    if (this.sleepDeficitNs < MIN_SLEEP_NS) return;
    const sleepMs = this.sleepDeficitNs / 1_000_000;
    await new Promise((resolve) => setTimeout(resolve, sleepMs));
    this.sleepDeficitNs = 0;
  }
}
