// The log manager's periodic tasks (Kafka's LogManager.startup schedules the same four):
//   kafka-log-retention               cleanupLogs        log.retention.check.interval.ms
//   kafka-log-flusher                 flushDirtyLogs     log.flush.scheduler.interval.ms
//   kafka-recovery-point-checkpoint   checkpoint         log.flush.offset.checkpoint.interval.ms
//   kafka-log-start-offset-checkpoint start offsets      log.flush.start.offset.checkpoint.interval.ms
// and, per log in Kafka, one over all logs here:
//   PeriodicProducerExpirationCheck   removeExpiredProducers  producer.id.expiration.check.interval.ms
// and one of kt's own:
//   kt-log-writeback                  writeBack          every second: background fsync, then the
//                                                        recovery-point checkpoint (bounds the
//                                                        re-scan after kill -9 to about a second)
// Each pass is metadata work (segment deletion renames files and removes them later, off the
// request path), so running them on the event loop does not hold up produce or fetch for long.
// Differences: Kafka waits log.initial.task.delay.ms (30 s) before the first run; here every task
// first runs one interval after start-up. With log.flush.scheduler.interval.ms at its default
// (Long.MAX_VALUE, "never"), Kafka never applies flush.ms; kt checks it every second instead.
import type { BrokerConfig } from '../config.js';
import type { LogManager } from './log-manager.js';

export interface LogTaskIntervals {
  retentionCheckMs: number;
  flushCheckMs: number;
  recoveryPointCheckpointMs: number;
  logStartOffsetCheckpointMs: number;
  /** kt's background writeback period (WRITEBACK_MS). */
  writeBackMs: number;
  /** producer.id.expiration.check.interval.ms */
  producerExpirationCheckMs?: number;
}

/** How often kt's writeback pass runs (not a Kafka key; see PartitionLog.writeBack). */
export const WRITEBACK_MS = 1000;

/** kt's flush.ms check period when log.flush.scheduler.interval.ms is left at "never". */
const DEFAULT_FLUSH_CHECK_MS = 1000;
/** setInterval's largest delay; longer ones (Long.MAX_VALUE = never) schedule nothing. */
const MAX_TIMER_MS = 0x7fffffff;

export function logTaskIntervalsFrom(config: BrokerConfig): LogTaskIntervals {
  const flushCheckMs = config.long('log.flush.scheduler.interval.ms');
  return {
    retentionCheckMs: config.long('log.retention.check.interval.ms'),
    flushCheckMs: flushCheckMs <= MAX_TIMER_MS ? flushCheckMs : DEFAULT_FLUSH_CHECK_MS,
    recoveryPointCheckpointMs: config.int('log.flush.offset.checkpoint.interval.ms'),
    logStartOffsetCheckpointMs: config.int('log.flush.start.offset.checkpoint.interval.ms'),
    writeBackMs: WRITEBACK_MS,
    producerExpirationCheckMs: config.int('producer.id.expiration.check.interval.ms'),
  };
}

/**
 * Starts the tasks on unref'd timers; the caller clears them on shutdown. A task that throws is
 * reported through `onError` and runs again at its next interval, as Kafka's scheduler does.
 */
export function startLogTasks(logs: LogManager, intervals: LogTaskIntervals, onError: (message: string) => void): NodeJS.Timeout[] {
  const timers: NodeJS.Timeout[] = [];
  const every = (name: string, ms: number, task: () => void) => {
    if (!(ms > 0 && ms <= MAX_TIMER_MS)) return;
    const run = () => {
      try {
        task();
      } catch (err) {
        onError(`Uncaught exception in scheduled task '${name}': ${(err as Error).message}`);
      }
    };
    timers.push(setInterval(run, ms).unref());
  };
  every('kafka-log-retention', intervals.retentionCheckMs, () => logs.cleanupLogs());
  every('kafka-log-flusher', intervals.flushCheckMs, () => logs.flushDirtyLogs());
  every('kafka-recovery-point-checkpoint', intervals.recoveryPointCheckpointMs, () => logs.checkpoint());
  every('kafka-log-start-offset-checkpoint', intervals.logStartOffsetCheckpointMs, () => logs.checkpointLogStartOffsets());
  if (intervals.producerExpirationCheckMs !== undefined) every('PeriodicProducerExpirationCheck', intervals.producerExpirationCheckMs, () => logs.removeExpiredProducers());
  every('kt-log-writeback', intervals.writeBackMs, () => {
    logs.writeBack().catch((err: Error) => onError(`Uncaught exception in scheduled task 'kt-log-writeback': ${err.message}`));
  });
  return timers;
}
