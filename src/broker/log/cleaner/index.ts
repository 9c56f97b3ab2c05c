// Log compaction (Kafka's LogCleaner): see README.md in src/broker/log/ ("Compaction").
export { LogCleaner, logCleanerConfigFrom, type LogCleanerConfig, type LogCleanerOptions } from './log-cleaner.js';
export { Cleaner, CleaningAbortedError, groupSegmentsBySize, type CleanerOptions, type CleanerSettings, type CleaningRange } from './cleaner.js';
export { CLEANER_OFFSET_CHECKPOINT } from './cleaner-checkpoints.js';
export { cleanableOffsets, grabFilthiestCompactedLog, logToClean, maxCompactionDelay, type LogToClean } from './cleaner-manager.js';
export { completeInterruptedSwaps, SimulatedCrash, type SwapCrashPoint } from './swap.js';
