// Asynchronous whole-batch reads of a segment's .log for the cleaner. It opens its own descriptor
// by path, so retention closing or renaming the segment meanwhile cannot make it read another
// file (a reused descriptor number); on Linux an open file stays readable after a rename or
// unlink. Every chunk is a fresh buffer, so the batches handed out stay valid.
import fs from 'node:fs';
import { BATCH_LENGTH, LOG_OVERHEAD, MIN_BATCH_LENGTH } from '../../../storage/batch-header.js';

export class CorruptSegmentError extends Error {}

export interface PositionedBatch {
  /** Byte position of the batch in the .log. */
  position: number;
  /** The whole batch (a view into a chunk the reader no longer touches). */
  bytes: Buffer;
}

/** Opens `path` for reading; null if it is gone (retention or a topic deletion got there first). */
export async function openForCleaning(path: string): Promise<fs.promises.FileHandle | null> {
  try {
    return await fs.promises.open(path, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** Yields the batches in [from, to) of the open .log, reading `chunkSize` bytes at a time. */
export async function* readBatchesAsync(handle: fs.promises.FileHandle, from: number, to: number, chunkSize: number): AsyncGenerator<PositionedBatch> {
  let position = from;
  while (position < to) {
    const want = Math.min(chunkSize, to - position);
    const chunk = await readExactly(handle, position, want);
    let at = 0;
    while (chunk.length - at >= LOG_OVERHEAD) {
      const batchLength = chunk.readInt32BE(at + BATCH_LENGTH);
      if (batchLength < MIN_BATCH_LENGTH) throw new CorruptSegmentError(`Invalid batch length ${batchLength} at position ${position + at}`);
      const size = batchLength + LOG_OVERHEAD;
      if (size > to - (position + at)) throw new CorruptSegmentError(`Batch of ${size} bytes at position ${position + at} runs past the segment end ${to}`);
      if (at + size > chunk.length) break;
      yield { position: position + at, bytes: chunk.subarray(at, at + size) };
      at += size;
    }
    if (at === 0) {
      // A batch larger than the chunk: read it whole (Kafka grows its I/O buffers instead).
      const size = chunk.length >= LOG_OVERHEAD ? chunk.readInt32BE(BATCH_LENGTH) + LOG_OVERHEAD : LOG_OVERHEAD;
      const whole = await readExactly(handle, position, Math.min(Math.max(size, want), to - position));
      if (whole.length < size) throw new CorruptSegmentError(`Batch at position ${position} is torn`);
      yield { position, bytes: whole.subarray(0, size) };
      at = size;
    }
    position += at;
  }
}

async function readExactly(handle: fs.promises.FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(buf, done, length - done, position + done);
    if (bytesRead === 0) throw new CorruptSegmentError(`Segment ends at ${position + done}, expected ${position + length}`);
    done += bytesRead;
  }
  return buf;
}
