import { describe, expect, it } from 'vitest';
import { deleteDirName, parsePartitionDirName, parseSegmentFileName, segmentBaseName, segmentFilePaths } from '../../src/storage/file-names.js';

describe('Kafka file names', () => {
  it('names segment files by base offset in 20 digits and parses only that form', () => {
    expect(segmentBaseName(4096)).toBe('00000000000000004096');
    expect(parseSegmentFileName('00000000000000004096.log', '.log')).toBe(4096);
    expect(parseSegmentFileName('0000000000000004096.log', '.log')).toBeUndefined();
    expect(parseSegmentFileName('00000000000000004096.index', '.log')).toBeUndefined();
    expect(segmentFilePaths('/d', 5, '.cleaned')).toEqual({
      log: '/d/00000000000000000005.log.cleaned',
      index: '/d/00000000000000000005.index.cleaned',
      timeIndex: '/d/00000000000000000005.timeindex.cleaned',
    });
  });

  it('splits partition directories at the last dash and shortens -delete names to 255 characters', () => {
    expect(parsePartitionDirName('my-topic-12')).toEqual({ topic: 'my-topic', partition: 12 });
    expect(parsePartitionDirName('my-topic')).toBeUndefined();
    const name = deleteDirName('t'.repeat(300), 3, 'a'.repeat(32));
    expect(name).toHaveLength(255);
    expect(name.endsWith(`-3.${'a'.repeat(32)}-delete`)).toBe(true);
  });
});
