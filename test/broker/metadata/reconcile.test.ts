// Start-up makes the partition directories agree with the cluster metadata: a directory a crash
// lost is recreated, a lost partition.metadata rewritten, an unknown directory removed.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { startBroker } from '../../../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'kt-reconcile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('recreates lost partition directories and partition.metadata, and drops unknown ones', async () => {
  const first = await startBroker({ port: 0, dataDir: dir });
  const topic = first.broker.createTopic('kept', 2, {});
  await first.close();

  rmSync(join(dir, 'kept-1'), { recursive: true });
  rmSync(join(dir, 'kept-0', 'partition.metadata'));
  mkdirSync(join(dir, 'ghost-0'));

  const second = await startBroker({ port: 0, dataDir: dir });
  expect(existsSync(join(dir, 'kept-1', '00000000000000000000.log'))).toBe(true);
  expect(readFileSync(join(dir, 'kept-0', 'partition.metadata'), 'utf8')).toBe(`version: 0\ntopic_id: ${topic.topicId}\n`);
  expect(existsSync(join(dir, 'ghost-0'))).toBe(false);
  expect(second.broker.partitionLog('kept', 1)?.logEndOffset).toBe(0);
  await second.close();
});
