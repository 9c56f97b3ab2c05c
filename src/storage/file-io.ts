// The file I/O Kafka's formats are written and read with: positional reads and writes that
// loop until done, fsyncs of files and directories, and the tmp + fsync + rename pattern every
// checkpoint-like file uses so a crash leaves the old or the new file, never a torn one.
import fs from 'node:fs';
import { dirname } from 'node:path';

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

/**
 * writeFileAtomic off the event loop (the fsyncs of a busy disk can take milliseconds), with its
 * own temporary name so it never collides with a synchronous write of the same file.
 */
export async function writeFileAtomicAsync(path: string, content: string): Promise<void> {
  const tmp = path + '.async.tmp';
  const handle = await fs.promises.open(tmp, 'w');
  try {
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (err) {
    // A full disk must not also keep a partial temporary file (and its blocks) behind.
    await fs.promises.rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  }
  await fs.promises.rename(tmp, path);
  const dir = await fs.promises.open(dirname(path), 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}

/** Writes `<path>.tmp`, fsyncs it, renames it over `path` and fsyncs the directory (Kafka's pattern). */
export function writeFileAtomic(path: string, content: string | Buffer): void {
  const tmp = path + '.tmp';
  const fd = fs.openSync(tmp, 'w');
  try {
    try {
      const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
      writeFully(fd, bytes, 0);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch (err) {
    // A full disk must not also keep a partial temporary file (and its blocks) behind.
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  fs.renameSync(tmp, path);
  fsyncDir(dirname(path));
}
