// Log storage in Kafka's on-disk format. See docs in partition-log.ts and log-manager.ts.
export { DEFAULT_LOG_CONFIG, type LogConfig } from './config.js';
export { KafkaStorageError, OffsetOutOfRangeError, RecordListTooLargeError } from './errors.js';
export { LogManager, type LogManagerOpenOptions } from './log-manager.js';
export { logTaskIntervalsFrom, startLogTasks, type LogTaskIntervals } from './log-tasks.js';
export {
  PartitionLog,
  type AppendBatch,
  type AppendResult,
  type PartitionLogOpenOptions,
  type ReadResult,
  type RecoveryStats,
} from './partition-log.js';
export type { RecordsDecompressor } from './record-timestamps.js';
