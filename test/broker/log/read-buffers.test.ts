// The fetch read-buffer pool: size classes, reuse after release, and the limits that keep a
// released buffer from being handed out twice or the pool from growing without bound.
import { describe, expect, it } from 'vitest';
import { acquireReadBuffer, isReadBuffer, releaseReadBuffer } from '../../../src/broker/log/read-buffers.js';

describe('read-buffer pool', () => {
  it('hands out a released buffer again for a size of the same class', () => {
    const a = acquireReadBuffer(100_000);
    expect(a.length).toBe(100_000);
    expect(isReadBuffer(a)).toBe(true);
    expect(a.buffer.byteLength).toBe(128 * 1024);
    releaseReadBuffer(a.subarray(0, 10)); // the sent part of it: same underlying memory
    const b = acquireReadBuffer(70_000);
    expect(b.buffer).toBe(a.buffer);
    expect(b.length).toBe(70_000);
    // Not released: the next one of that class is fresh.
    expect(acquireReadBuffer(70_000).buffer).not.toBe(a.buffer);
  });

  it('ignores a second release and buffers it did not allocate', () => {
    const a = acquireReadBuffer(300_000);
    releaseReadBuffer(a);
    releaseReadBuffer(a);
    const b = acquireReadBuffer(300_000);
    const c = acquireReadBuffer(300_000);
    expect(b.buffer).toBe(a.buffer);
    expect(c.buffer).not.toBe(a.buffer);
    const plain = Buffer.alloc(300_000);
    expect(isReadBuffer(plain)).toBe(false);
    releaseReadBuffer(plain);
    expect(acquireReadBuffer(300_000).buffer).not.toBe(plain.buffer);
  });

  it('leaves small and huge reads to plain allocation', () => {
    expect(isReadBuffer(acquireReadBuffer(1000))).toBe(false);
    expect(isReadBuffer(acquireReadBuffer(17 * 1024 * 1024))).toBe(false);
  });

  it('keeps at most 32 MiB of free buffers', () => {
    const held = Array.from({ length: 5 }, () => acquireReadBuffer(8 * 1024 * 1024));
    for (const b of held) releaseReadBuffer(b);
    const again = Array.from({ length: 5 }, () => acquireReadBuffer(8 * 1024 * 1024).buffer);
    // Four 8 MiB buffers fit the free lists, the fifth was left to the garbage collector.
    expect(again.filter((ab) => held.some((b) => b.buffer === ab)).length).toBe(4);
  });
});
