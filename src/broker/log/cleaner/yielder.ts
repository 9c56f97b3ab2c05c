// Keeps a cleaning round from holding the event loop: after `budgetMs` of work since the last
// pause, the next maybeYield() lets pending I/O (produce, fetch) run first. Reads of cached file
// data and decompression of small batches resolve as microtasks, which alone would never yield.
import { setImmediate as nextTurn } from 'node:timers/promises';

export class Yielder {
  private last = performance.now();

  constructor(private readonly budgetMs = 2) {}

  async maybeYield(): Promise<void> {
    if (performance.now() - this.last < this.budgetMs) return;
    await nextTurn();
    this.last = performance.now();
  }
}
