// A Scheduler driven by hand: time moves only in advance(), which runs due tasks in time order.
import type { Cancel, Scheduler } from '../../../src/broker/groups/scheduler.js';

interface Task {
  readonly due: number;
  readonly seq: number;
  readonly run: () => void;
  cancelled: boolean;
}

export class ManualScheduler implements Scheduler {
  private time: number;
  private seq = 0;
  private tasks: Task[] = [];

  constructor(start = 1_700_000_000_000) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  schedule(delayMs: number, run: () => void): Cancel {
    const task: Task = { due: this.time + Math.max(0, delayMs), seq: this.seq++, run, cancelled: false };
    this.tasks.push(task);
    return () => {
      task.cancelled = true;
    };
  }

  /** Moves time forward by `ms`, running every task that falls due (including ones scheduled meanwhile). */
  advance(ms: number): void {
    const target = this.time + ms;
    for (;;) {
      this.tasks = this.tasks.filter((t) => !t.cancelled);
      const next = this.tasks.filter((t) => t.due <= target).sort((a, b) => a.due - b.due || a.seq - b.seq)[0];
      if (!next) break;
      this.time = next.due;
      next.cancelled = true;
      next.run();
    }
    this.time = target;
  }

  /** Tasks still waiting to run. */
  get pending(): number {
    return this.tasks.filter((t) => !t.cancelled).length;
  }
}
