import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { startBroker } from '../../../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'kt-meta-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('writes Kafka\'s meta.properties and refuses a data dir of another node id', async () => {
  const b = await startBroker({ port: 0, dataDir: dir });
  const clusterId = b.broker.topics.clusterId;
  await b.close();
  const text = readFileSync(join(dir, 'meta.properties'), 'latin1');
  expect(text.split('\n').filter((l) => !l.startsWith('#'))).toEqual(['node.id=1', 'version=1', `cluster.id=${clusterId}`, '']);
  expect(clusterId).toMatch(/^[A-Za-z0-9_-]{22}$/);
  await expect(startBroker({ port: 0, dataDir: dir, config: { 'node.id': '2' } })).rejects.toThrow(/Stored node id 1 doesn't match previous node id 2/);
  const again = await startBroker({ port: 0, dataDir: dir });
  expect(again.broker.topics.clusterId).toBe(clusterId);
  await again.close();
});
