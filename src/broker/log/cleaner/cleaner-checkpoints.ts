// `cleaner-offset-checkpoint` in each log dir (Kafka's LogCleanerManager checkpoints): per
// partition, the first offset not yet cleaned. Read once at start, rewritten atomically after
// each round. An entry is bound to the PartitionLog it was first used with, so a topic deleted
// and created again under the same name starts from its log start offset, not the old position.
import { dirname, join } from 'node:path';
import { readOffsetCheckpoint, writeOffsetCheckpoint } from '../../../storage/checkpoint-file.js';
import type { PartitionLog } from '../partition-log.js';

export const CLEANER_OFFSET_CHECKPOINT = 'cleaner-offset-checkpoint';

interface Entry {
  offset: number;
  /** The log the offset belongs to; null until first looked up after loading. */
  log: PartitionLog | null;
}

export class CleanerCheckpoints {
  /** log dir -> `topic-partition` -> entry */
  private readonly byLogDir = new Map<string, Map<string, Entry>>();

  constructor(
    logDirs: readonly string[],
    private readonly warn: (message: string) => void,
  ) {
    for (const configured of logDirs) {
      // Normalized the way a partition's dir names its log dir (see logDirOf).
      const logDir = dirname(join(configured, CLEANER_OFFSET_CHECKPOINT));
      const path = join(logDir, CLEANER_OFFSET_CHECKPOINT);
      const offsets = readOffsetCheckpoint(path, (err) => warn(`Ignoring corrupt ${path}: ${err.message}`));
      const entries = new Map<string, Entry>();
      for (const [key, offset] of offsets) entries.set(key, { offset, log: null });
      this.byLogDir.set(logDir, entries);
    }
  }

  /** The checkpointed first dirty offset of `log`, if any. */
  get(log: PartitionLog): number | undefined {
    const entries = this.entriesOf(log);
    const key = keyOf(log);
    const entry = entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.log === null) entry.log = log;
    else if (entry.log !== log) {
      entries.delete(key);
      return undefined;
    }
    return entry.offset;
  }

  /** Records `offset` for `log` and rewrites its log dir's file, keeping only logs in `live`. */
  update(log: PartitionLog, offset: number, live: readonly PartitionLog[]): void {
    const logDir = logDirOf(log);
    const entries = this.entriesOf(log);
    entries.set(keyOf(log), { offset, log });
    const present = new Map(live.map((l) => [keyOf(l), l]));
    const lines = [];
    for (const [key, entry] of entries) {
      const current = present.get(key);
      if (current === undefined || (entry.log !== null && entry.log !== current) || logDirOf(current) !== logDir) {
        entries.delete(key);
        continue;
      }
      lines.push({ topic: current.topic, partition: current.partition, offset: entry.offset });
    }
    try {
      writeOffsetCheckpoint(join(logDir, CLEANER_OFFSET_CHECKPOINT), lines);
    } catch (err) {
      this.warn(`Failed to access checkpoint file ${CLEANER_OFFSET_CHECKPOINT} in dir ${logDir}: ${(err as Error).message}`);
    }
  }

  private entriesOf(log: PartitionLog): Map<string, Entry> {
    const logDir = logDirOf(log);
    let entries = this.byLogDir.get(logDir);
    if (!entries) this.byLogDir.set(logDir, (entries = new Map()));
    return entries;
  }
}

function keyOf(log: PartitionLog): string {
  return `${log.topic}-${log.partition}`;
}

/** A partition's directory lives directly in its log dir. */
function logDirOf(log: PartitionLog): string {
  return dirname(log.dir);
}
