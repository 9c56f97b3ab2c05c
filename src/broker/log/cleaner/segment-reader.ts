// The cleaner reads a segment's .log through its own descriptor, opened by path, so retention
// closing or renaming the segment meanwhile cannot make it read another file (a reused descriptor
// number); on Linux an open file stays readable after a rename or unlink. The batches are walked
// with storage's asynchronous .log walk (src/storage/log-cursor-async.ts).
import fs from 'node:fs';

/** Opens `path` for reading; null if it is gone (retention or a topic deletion got there first). */
export async function openForCleaning(path: string): Promise<fs.promises.FileHandle | null> {
  try {
    return await fs.promises.open(path, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}
