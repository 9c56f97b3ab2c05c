// Time and timers for the coordinator, injected so the state machine can be driven by a manual
// clock in tests.

/** Cancels a scheduled task; calling it after the task ran (or twice) does nothing. */
export type Cancel = () => void;

export interface Scheduler {
  /** Wall-clock milliseconds (commit timestamps, state timestamps). */
  now(): number;
  /** Runs `task` once after `delayMs`. */
  schedule(delayMs: number, task: () => void): Cancel;
}

/** Real time. Timers are unref'd: a pending session timeout must not keep the process alive. */
export const systemScheduler: Scheduler = {
  now: () => Date.now(),
  schedule(delayMs, task) {
    // setTimeout clamps delays above 2^31-1 ms to 1 ms; session timeouts never get close, but be safe.
    const handle = setTimeout(task, Math.min(Math.max(0, delayMs), 2_147_483_647));
    handle.unref();
    return () => clearTimeout(handle);
  },
};
