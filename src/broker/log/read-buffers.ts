// Buffers for fetch reads, reused. A fetch reads megabytes from the page cache into a buffer that
// the socket then sends; a fresh buffer each time means fresh memory, and the kernel's copy into
// it page-faults on every 4 KiB page, which made the copy about twice as slow as into memory
// already touched. Read buffers come from here in power-of-two size classes, and the connection
// hands a buffer back once the socket has taken its bytes (releaseReadBuffer). A buffer that is
// never released is simply garbage-collected, so only the send path needs to release.
const MIN_CLASS = 64 * 1024;
const MAX_CLASS = 16 * 1024 * 1024;
/** Bytes kept on the free lists at most (idle memory the pool may hold). */
const MAX_FREE_BYTES = 32 * 1024 * 1024;

const free = new Map<number, ArrayBufferLike[]>();
const isFree = new WeakSet<ArrayBufferLike>();
const fromPool = new WeakSet<ArrayBufferLike>();
let freeBytes = 0;

function sizeClass(size: number): number {
  let c = MIN_CLASS;
  while (c < size) c *= 2;
  return c;
}

/** A buffer of `size` bytes (contents undefined), from the pool when its size class has one. */
export function acquireReadBuffer(size: number): Buffer {
  if (size < MIN_CLASS || size > MAX_CLASS) return Buffer.allocUnsafe(size);
  const cls = sizeClass(size);
  const reused = free.get(cls)?.pop();
  if (reused !== undefined) {
    isFree.delete(reused);
    freeBytes -= cls;
    return Buffer.from(reused, 0, size);
  }
  const fresh = Buffer.allocUnsafeSlow(cls); // its own ArrayBuffer, never Node's shared slab
  fromPool.add(fresh.buffer);
  return fresh.subarray(0, size);
}

/** Whether `chunk` lies in a pool buffer (so the sender should release it once written). */
export function isReadBuffer(chunk: Buffer): boolean {
  return fromPool.has(chunk.buffer);
}

/** Returns the buffer `chunk` lies in to the pool; its bytes must no longer be needed. */
export function releaseReadBuffer(chunk: Buffer): void {
  const ab = chunk.buffer;
  if (!fromPool.has(ab) || isFree.has(ab)) return;
  const cls = ab.byteLength;
  if (freeBytes + cls > MAX_FREE_BYTES) return;
  let list = free.get(cls);
  if (list === undefined) free.set(cls, (list = []));
  list.push(ab);
  isFree.add(ab);
  freeBytes += cls;
}
