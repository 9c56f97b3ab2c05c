// The .log walk (log-walk.ts) over an open FileHandle with asynchronous reads, for the log
// cleaner, which must not block produce and fetch. Every chunk is a fresh buffer, so the batches
// handed out stay valid after the walk moves on.
import type fs from 'node:fs';
import { LogWalk, WALK_BATCH, WALK_READ } from './log-walk.js';

/** A range of a .log that does not end in whole, sane v2 batches. */
export class CorruptSegmentError extends Error {}

export interface PositionedBatch {
  /** Byte position of the batch in the .log. */
  position: number;
  /** The whole batch (a view into a chunk the walk no longer touches). */
  bytes: Buffer;
}

/**
 * Yields the whole batches in [from, to) of the open .log, reading `chunkSize` bytes at a time.
 * Throws CorruptSegmentError when the range does not end in whole, sane batches.
 */
export async function* readBatchesAsync(handle: fs.promises.FileHandle, from: number, to: number, chunkSize: number): AsyncGenerator<PositionedBatch> {
  const walk = new LogWalk(from, to, { wholeBatches: true, chunkSize, freshChunks: true });
  for (;;) {
    const step = walk.advance();
    if (step === WALK_READ) {
      walk.supply(await readUpTo(handle, walk.buf, walk.readLength, walk.readPosition));
      continue;
    }
    if (step !== WALK_BATCH) break;
    yield { position: walk.position, bytes: walk.buf.subarray(walk.at, walk.at + walk.size) };
  }
  if (walk.ended === 'bad-length') throw new CorruptSegmentError(`Invalid batch length ${walk.badBatchLength} at position ${walk.position}`);
  if (walk.ended !== 'end') throw new CorruptSegmentError(`Batch at position ${walk.position} is torn (the range ends at ${to})`);
}

/** Reads until `length` bytes or the end of the file; returns the bytes read. */
async function readUpTo(handle: fs.promises.FileHandle, buf: Buffer, length: number, position: number): Promise<number> {
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(buf, done, length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return done;
}
