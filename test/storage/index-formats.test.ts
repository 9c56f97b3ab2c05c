import { describe, expect, it } from 'vitest';
import {
  OFFSET_INDEX_ENTRY_SIZE,
  TIME_INDEX_ENTRY_SIZE,
  indexEntryCount,
  offsetIndexPosition,
  offsetIndexRelativeOffset,
  timeIndexRelativeOffset,
  timeIndexTimestamp,
  timeIndexTimestampLong,
  writeOffsetIndexEntry,
  writeTimeIndexEntry,
} from '../../src/storage/index-formats.js';

describe('index file formats', () => {
  it('.index: 8-byte big-endian entries (relative offset, position)', () => {
    const index = Buffer.alloc(2 * OFFSET_INDEX_ENTRY_SIZE);
    writeOffsetIndexEntry(index, 0, 7, 4096);
    writeOffsetIndexEntry(index, 1, 0x7fffffff, 1);
    expect(index.toString('hex')).toBe('00000007' + '00001000' + '7fffffff' + '00000001');
    expect([offsetIndexRelativeOffset(index, 1), offsetIndexPosition(index, 0)]).toEqual([0x7fffffff, 4096]);
  });

  it('.timeindex: 12-byte big-endian entries (timestamp int64, relative offset)', () => {
    const index = Buffer.alloc(TIME_INDEX_ENTRY_SIZE);
    writeTimeIndexEntry(index, 0, 1_700_000_000_000, 3);
    expect(index.toString('hex')).toBe('0000018bcfe56800' + '00000003');
    expect([timeIndexTimestamp(index, 0), timeIndexTimestampLong(index, 0), timeIndexRelativeOffset(index, 0)]).toEqual([1_700_000_000_000, 1_700_000_000_000n, 3]);
  });

  it('counts whole entries only', () => {
    expect(indexEntryCount(25, OFFSET_INDEX_ENTRY_SIZE)).toBe(3);
    expect(indexEntryCount(23, TIME_INDEX_ENTRY_SIZE)).toBe(1);
  });
});
