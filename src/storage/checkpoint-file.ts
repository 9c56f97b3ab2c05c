// Kafka's checkpoint text files (recovery-point-offset-checkpoint, log-start-offset-checkpoint,
// replication-offset-checkpoint): a version line (0), a count line, then one
// `topic partition offset` line per entry. Written tmp + fsync + rename so a crash leaves either
// the old or the new file, never a torn one.
import fs from 'node:fs';
import { writeFileAtomic, writeFileAtomicAsync } from './file-io.js';

export interface TopicPartitionOffset {
  topic: string;
  partition: number;
  offset: number;
}

const CHECKPOINT_VERSION = 0;

export function formatOffsetCheckpoint(entries: readonly TopicPartitionOffset[]): string {
  let text = `${CHECKPOINT_VERSION}\n${entries.length}\n`;
  for (const e of entries) text += `${e.topic} ${e.partition} ${e.offset}\n`;
  return text;
}

export function writeOffsetCheckpoint(path: string, entries: readonly TopicPartitionOffset[]): void {
  writeFileAtomic(path, formatOffsetCheckpoint(entries));
}

export function writeOffsetCheckpointAsync(path: string, entries: readonly TopicPartitionOffset[]): Promise<void> {
  return writeFileAtomicAsync(path, formatOffsetCheckpoint(entries));
}

/** Parses a checkpoint's text; throws on any malformed content (as Kafka does). */
export function parseOffsetCheckpoint(text: string): TopicPartitionOffset[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  if (lines.length < 2) throw new Error('checkpoint file is missing its version or count line');
  if (lines[0]!.trim() !== String(CHECKPOINT_VERSION)) throw new Error(`unrecognized checkpoint version ${JSON.stringify(lines[0])}`);
  const count = Number(lines[1]!.trim());
  if (!Number.isInteger(count) || count < 0) throw new Error(`bad checkpoint entry count ${JSON.stringify(lines[1])}`);
  if (lines.length - 2 !== count) throw new Error(`checkpoint declares ${count} entries but holds ${lines.length - 2}`);
  const entries: TopicPartitionOffset[] = [];
  for (let i = 2; i < lines.length; i++) {
    // Kafka's reader splits on any whitespace.
    const fields = lines[i]!.trim().split(/\s+/);
    const partition = Number(fields[1]);
    const offset = Number(fields[2]);
    if (fields.length !== 3 || !Number.isInteger(partition) || !Number.isSafeInteger(offset)) {
      throw new Error(`malformed checkpoint line ${JSON.stringify(lines[i])}`);
    }
    entries.push({ topic: fields[0]!, partition, offset });
  }
  return entries;
}

/**
 * Reads a checkpoint into a `topic-partition` -> offset map. A missing file is empty. A corrupt
 * file is reported through `onCorrupt` and treated as empty, which is the safe direction for
 * every checkpoint we read (recovery point 0 means "scan everything").
 */
export function readOffsetCheckpoint(path: string, onCorrupt: (err: Error) => void): Map<string, number> {
  const result = new Map<string, number>();
  let text: string;
  try {
    text = fs.readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return result;
    throw err;
  }
  try {
    for (const e of parseOffsetCheckpoint(text)) result.set(`${e.topic}-${e.partition}`, e.offset);
  } catch (err) {
    onCorrupt(err as Error);
    result.clear();
  }
  return result;
}
