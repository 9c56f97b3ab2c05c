// File names and small synchronous I/O helpers shared by the log classes.
import fs from 'node:fs';
import { dirname, join } from 'node:path';

export const LOG_SUFFIX = '.log';
export const INDEX_SUFFIX = '.index';
export const TIME_INDEX_SUFFIX = '.timeindex';
export const CLEAN_SHUTDOWN_FILE = '.kafka_cleanshutdown';
export const RECOVERY_POINT_CHECKPOINT = 'recovery-point-offset-checkpoint';
export const LOG_START_OFFSET_CHECKPOINT = 'log-start-offset-checkpoint';
export const REPLICATION_OFFSET_CHECKPOINT = 'replication-offset-checkpoint';
export const PARTITION_METADATA_FILE = 'partition.metadata';
export const DELETE_DIR_SUFFIX = '-delete';
/** Appended to a deleted segment's file names until file.delete.delay.ms has passed (Kafka's DELETED_FILE_SUFFIX). */
export const DELETED_SUFFIX = '.deleted';
/** The log cleaner writes a replacement segment under `<name>.cleaned`, then renames it `<name>.swap` before swapping it in. */
export const CLEANED_SUFFIX = '.cleaned';
export const SWAP_SUFFIX = '.swap';

/** Kafka names segment files by base offset, zero-padded to 20 digits. */
export function segmentBaseName(baseOffset: number): string {
  return String(baseOffset).padStart(20, '0');
}

export function segmentFile(dir: string, baseOffset: number, suffix: string): string {
  return join(dir, segmentBaseName(baseOffset) + suffix);
}

/** Base offset of a `<20 digits>.log` file name, or undefined for any other name. */
export function parseSegmentFileName(name: string, suffix: string): number | undefined {
  if (!name.endsWith(suffix)) return undefined;
  const digits = name.slice(0, -suffix.length);
  return /^\d{20}$/.test(digits) ? Number(digits) : undefined;
}

const LEGAL_TOPIC = /^[a-zA-Z0-9._-]+$/;

/** Splits `<topic>-<partition>` as Kafka does (at the last dash); undefined for other names. */
export function parsePartitionDirName(name: string): { topic: string; partition: number } | undefined {
  const dash = name.lastIndexOf('-');
  if (dash <= 0) return undefined;
  const topic = name.slice(0, dash);
  const partitionText = name.slice(dash + 1);
  if (!/^\d+$/.test(partitionText) || !LEGAL_TOPIC.test(topic)) return undefined;
  const partition = Number(partitionText);
  return partition <= 0x7fffffff ? { topic, partition } : undefined;
}

export function partitionDirName(topic: string, partition: number): string {
  return `${topic}-${partition}`;
}

/**
 * Kafka's `<topic>-<partition>.<uuid32hex>-delete` name; the topic part is shortened so the
 * whole name stays within 255 characters.
 */
export function deleteDirName(topic: string, partition: number, uuid32hex: string): string {
  const suffix = `-${partition}.${uuid32hex}${DELETE_DIR_SUFFIX}`;
  return topic.slice(0, Math.min(topic.length, 255 - suffix.length)) + suffix;
}

export function isDeleteDirName(name: string): boolean {
  return /\.[0-9a-f]{32}-delete$/.test(name);
}

/** preads exactly `length` bytes (fewer only at end of file); returns the count read. */
export function readFully(fd: number, buf: Buffer, offset: number, length: number, position: number): number {
  let done = 0;
  while (done < length) {
    const n = fs.readSync(fd, buf, offset + done, length - done, position + done);
    if (n === 0) break;
    done += n;
  }
  return done;
}

/** pwrites all of `buf` at `position`. */
export function writeFully(fd: number, buf: Uint8Array, position: number): void {
  let done = 0;
  while (done < buf.length) {
    done += fs.writeSync(fd, buf, done, buf.length - done, position + done);
  }
}

/** fsyncs a directory so that creations, renames and deletions inside it are durable. */
export function fsyncDir(dir: string): void {
  let fd: number;
  try {
    fd = fs.openSync(dir, 'r');
  } catch {
    return; // some platforms cannot open directories; Kafka ignores that too
  }
  try {
    fs.fsyncSync(fd);
  } catch {
    // EINVAL/EISDIR on filesystems that do not support directory fsync
  } finally {
    fs.closeSync(fd);
  }
}

/** fsyncs a file by path (files whose descriptor we do not keep open). Missing files are skipped. */
export function fsyncPath(path: string): void {
  let fd: number;
  try {
    fd = fs.openSync(path, 'r+');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Writes `<path>.tmp`, fsyncs it, renames it over `path` and fsyncs the directory (Kafka's pattern). */
/**
 * writeFileAtomic off the event loop (the fsyncs of a busy disk can take milliseconds), with its
 * own temporary name so it never collides with a synchronous write of the same file.
 */
export async function writeFileAtomicAsync(path: string, content: string): Promise<void> {
  const tmp = path + '.async.tmp';
  const handle = await fs.promises.open(tmp, 'w');
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.promises.rename(tmp, path);
  const dir = await fs.promises.open(dirname(path), 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}

export function writeFileAtomic(path: string, content: string | Buffer): void {
  const tmp = path + '.tmp';
  const fd = fs.openSync(tmp, 'w');
  try {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    writeFully(fd, bytes, 0);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, path);
  fsyncDir(dirname(path));
}
