import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { LogManager } from '../../../src/broker/log/log-manager.js';
import { parseOffsetCheckpoint } from '../../../src/storage/checkpoint-file.js';
import { appendBatches, listDir, makeTempDir, removeTempDirs, simpleBatch, testConfig } from './batch-builder.js';

const managers: LogManager[] = [];
afterEach(() => {
  for (const m of managers.splice(0)) m.close();
});
afterAll(removeTempDirs);

function openManager(logDirs: string[]) {
  const m = LogManager.open({ logDirs, defaultConfig: testConfig() });
  managers.push(m);
  return m;
}

const read = (dir: string, name: string) => fs.readFileSync(path.join(dir, name), 'utf8');

describe('LogManager', () => {
  it('creates partition directories in the first log dir and finds them again', () => {
    const [a, b] = [makeTempDir(), makeTempDir()];
    const m = openManager([a, b]);
    const log = m.create('orders', 3);
    expect(log.dir).toBe(path.join(a, 'orders-3'));
    expect(m.create('orders', 3)).toBe(log);
    expect(m.get('orders', 3)).toBe(log);
    expect(m.get('orders', 4)).toBeUndefined();
    expect(m.all()).toEqual([log]);
    expect(listDir(b)).toEqual([]);
  });

  it('writes partition.metadata when given a topic id', () => {
    const dir = makeTempDir();
    const log = openManager([dir]).create('orders', 0, undefined, 'q1Sh-9_ISia_zwGINzRvyQ');
    expect(read(log.dir, 'partition.metadata')).toBe('version: 0\ntopic_id: q1Sh-9_ISia_zwGINzRvyQ\n');
    expect(log.topicId).toBe('q1Sh-9_ISia_zwGINzRvyQ');
  });

  it('writes the three checkpoint files in Kafka format', () => {
    const dir = makeTempDir();
    const m = openManager([dir]);
    appendBatches(m.create('orders', 0), simpleBatch(5));
    appendBatches(m.create('__consumer_offsets', 17), simpleBatch(2));
    m.all()[1]!.flush();
    m.checkpoint();
    expect(read(dir, 'recovery-point-offset-checkpoint')).toBe('0\n2\norders 0 0\n__consumer_offsets 17 2\n');
    expect(read(dir, 'replication-offset-checkpoint')).toBe('0\n2\norders 0 5\n__consumer_offsets 17 2\n');
    expect(read(dir, 'log-start-offset-checkpoint')).toBe('0\n0\n');
    expect(fs.existsSync(path.join(dir, 'recovery-point-offset-checkpoint.tmp'))).toBe(false);
  });

  it('closes cleanly with the marker and reopens without recovery', () => {
    const dir = makeTempDir();
    const m = openManager([dir]);
    appendBatches(m.create('orders', 0), simpleBatch(5));
    m.close();
    expect(read(dir, '.kafka_cleanshutdown')).toBe('{"version":0,"brokerEpoch":0}');
    expect(read(dir, 'recovery-point-offset-checkpoint')).toBe('0\n1\norders 0 5\n');

    const again = openManager([dir]);
    expect(fs.existsSync(path.join(dir, '.kafka_cleanshutdown'))).toBe(false);
    const log = again.get('orders', 0)!;
    expect(log.logEndOffset).toBe(5);
    expect(log.recoveryStats.recoveredSegments).toBe(0);
  });

  it('recovers from the checkpointed recovery point after an unclean stop', () => {
    const dir = makeTempDir();
    const crashed = LogManager.open({ logDirs: [dir], defaultConfig: testConfig() });
    const log = crashed.create('orders', 0);
    appendBatches(log, simpleBatch(5));
    log.flush();
    appendBatches(log, simpleBatch(5));
    crashed.checkpoint(); // recovery point 5; then the process "dies" (no close, no marker)
    for (const l of crashed.all()) l.flush(); // keep the bytes; a crash would lose nothing here

    const m = openManager([dir]);
    const reopened = m.get('orders', 0)!;
    expect(reopened.recoveryStats.recoveredSegments).toBe(1);
    expect(reopened.logEndOffset).toBe(10);
    expect(reopened.recoveryPoint).toBe(5);
  });

  it('loads only <topic>-<partition> directories and removes leftover -delete directories', () => {
    const dir = makeTempDir();
    const m = openManager([dir]);
    appendBatches(m.create('my.topic-x', 2), simpleBatch(1));
    m.close();
    managers.pop();
    for (const name of ['not_a_partition', 'orders-', 'orders-0.0123456789abcdef0123456789abcdef-future']) fs.mkdirSync(path.join(dir, name));
    fs.mkdirSync(path.join(dir, 'orders-1.0123456789abcdef0123456789abcdef-delete'));
    fs.writeFileSync(path.join(dir, 'meta.properties'), 'version=1\n');

    const reopened = openManager([dir]);
    expect(reopened.all().map((l) => [l.topic, l.partition, l.logEndOffset])).toEqual([['my.topic-x', 2, 1]]);
    expect(fs.existsSync(path.join(dir, 'orders-1.0123456789abcdef0123456789abcdef-delete'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'not_a_partition'))).toBe(true);
  });

  it('restores a log start offset past the first segment and checkpoints it again', () => {
    const dir = makeTempDir();
    const m = openManager([dir]);
    appendBatches(m.create('orders', 0), simpleBatch(5));
    m.close();
    managers.pop();
    fs.writeFileSync(path.join(dir, 'log-start-offset-checkpoint'), '0\n1\norders 0 3\n');
    const reopened = openManager([dir]);
    const log = reopened.get('orders', 0)!;
    expect(log.logStartOffset).toBe(3);
    expect(log.read(2, 100, true)).toEqual({ outOfRange: true });
    reopened.checkpoint();
    expect(read(dir, 'log-start-offset-checkpoint')).toBe('0\n1\norders 0 3\n');
  });

  it('ignores a corrupt checkpoint (recovering from offset 0) instead of failing to start', () => {
    const dir = makeTempDir();
    const m = openManager([dir]);
    appendBatches(m.create('orders', 0), simpleBatch(5));
    m.all()[0]!.flush();
    managers.pop(); // no clean close
    fs.writeFileSync(path.join(dir, 'recovery-point-offset-checkpoint'), '0\n3\norders 0 5\n');
    const log = openManager([dir]).get('orders', 0)!;
    expect(log.recoveryStats.recoveredSegments).toBe(1);
    expect(log.logEndOffset).toBe(5);
  });

  it('deletes every partition of a topic and drops it from the checkpoints', () => {
    const dir = makeTempDir();
    const m = openManager([dir]);
    m.create('orders', 0);
    m.create('orders', 1);
    m.create('payments', 0);
    m.delete('orders');
    expect(listDir(dir).filter((n) => !n.includes('checkpoint'))).toEqual(['payments-0']);
    expect(m.all().map((l) => l.topic)).toEqual(['payments']);
    expect(read(dir, 'recovery-point-offset-checkpoint')).toBe('0\n1\npayments 0 0\n');
  });
});

describe('checkpoint file parsing', () => {
  it('accepts any whitespace between fields and rejects count mismatches', () => {
    expect(parseOffsetCheckpoint('0\n2\na 0 5\nb\t1   7\n')).toEqual([
      { topic: 'a', partition: 0, offset: 5 },
      { topic: 'b', partition: 1, offset: 7 },
    ]);
    expect(() => parseOffsetCheckpoint('0\n2\na 0 5\n')).toThrow(/declares 2/);
    expect(() => parseOffsetCheckpoint('1\n0\n')).toThrow(/version/);
  });
});
