// Counters of one cleaning round (Kafka's CleanerStats) and the INFO summary line built from them.

export class CleanerStats {
  /** Bytes and records read from the segments being rewritten. */
  bytesRead = 0;
  messagesRead = 0;
  /** Bytes and records written to the cleaned segments. */
  bytesWritten = 0;
  messagesWritten = 0;
  /** Bytes and records read to build the offset map. */
  mapBytesRead = 0;
  mapMessagesRead = 0;
  /** Keyless records dropped (a compacted log cannot keep them). */
  invalidMessagesRead = 0;
  bufferUtilization = 0;
  readonly startTime: number;
  mapCompleteTime = 0;
  endTime = 0;

  constructor(private readonly clock: () => number = () => performance.now()) {
    this.startTime = clock();
  }

  indexDone(): void {
    this.mapCompleteTime = this.clock();
  }

  allDone(): void {
    this.endTime = this.clock();
  }

  get elapsedSecs(): number {
    return (this.endTime - this.startTime) / 1000;
  }

  get elapsedIndexSecs(): number {
    return (this.mapCompleteTime - this.startTime) / 1000;
  }
}

const mb = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1);
const percent = (part: number, whole: number) => (whole === 0 ? 0 : (100 * (whole - part)) / whole).toFixed(1);

/**
 * The summary Kafka's LogCleaner.recordStats writes after each round, on one line:
 * `Log cleaner thread 0 cleaned log t-0 (dirty section = [0, 900]) ...`.
 */
export function cleanedLogMessage(threadId: number, name: string, from: number, to: number, stats: CleanerStats): string {
  return (
    `Log cleaner thread ${threadId} cleaned log ${name} (dirty section = [${from}, ${to}]): ` +
    `${mb(stats.bytesRead)} MB of log processed in ${stats.elapsedSecs.toFixed(1)} seconds, ` +
    `indexed ${mb(stats.mapBytesRead)} MB in ${stats.elapsedIndexSecs.toFixed(1)} seconds, ` +
    `buffer utilization ${(100 * stats.bufferUtilization).toFixed(1)}%, ` +
    `start size ${mb(stats.bytesRead)} MB (${stats.messagesRead} messages), ` +
    `end size ${mb(stats.bytesWritten)} MB (${stats.messagesWritten} messages), ` +
    `${percent(stats.bytesWritten, stats.bytesRead)}% size reduction (${percent(stats.messagesWritten, stats.messagesRead)}% fewer messages)`
  );
}
