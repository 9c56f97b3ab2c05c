// One broker per log dir: the second one, in this same process, fails with Kafka's LogManager
// message and touches nothing; once the first closes, the dir can be opened again.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { Broker, BrokerConfig, startBroker } from '../../../src/index.js';
import { produceValues, readAll } from '../../helpers/kcat.js';

const dataDir = mkdtempSync(join(tmpdir(), 'kt-lock-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

it('refuses a second broker on a locked dir, and opens it again after close', async () => {
  const first = await startBroker({ dataDir });
  try {
    await produceValues(first.bootstrap, 'kept', ['a', 'b', 'c']);
    const before = readdirSync(dataDir).sort();
    expect(before).toContain('.lock');

    await expect(startBroker({ dataDir })).rejects.toMatchObject({
      message: `Failed to acquire lock on file .lock in ${dataDir}. A Kafka instance in another process or thread is using this directory.`,
    });
    // A relative spelling of the same dir is the same lock.
    await expect(startBroker({ dataDir: join(dataDir, '..', dataDir.split('/').pop()!) })).rejects.toThrow(/^Failed to acquire lock on file \.lock in /);

    expect(readdirSync(dataDir).sort()).toEqual(before);
    await produceValues(first.bootstrap, 'kept', ['d']);
    expect(await readAll(first.bootstrap, 'kept')).toEqual(['0|a', '1|b', '2|c', '3|d']);
  } finally {
    await first.close();
  }
  expect(existsSync(join(dataDir, '.kafka_cleanshutdown'))).toBe(true);

  const again = await startBroker({ dataDir });
  try {
    expect(await readAll(again.bootstrap, 'kept')).toEqual(['0|a', '1|b', '2|c', '3|d']);
  } finally {
    await again.close();
  }
});

it('releases the lock when start-up fails after taking it', async () => {
  // The dir is locked, then binding the listener fails: the lock must not outlive the failed start.
  const holder = await startBroker();
  try {
    await expect(startBroker({ dataDir, port: holder.port })).rejects.toThrow(/^Socket server failed to bind to /);
  } finally {
    await holder.close();
  }
  const ok = await startBroker({ dataDir });
  await ok.close();
});

it('refuses the same dir listed twice, as Kafka does', async () => {
  const config = new BrokerConfig({ listeners: 'PLAINTEXT://127.0.0.1:0', 'log.dirs': `${dataDir},${dataDir}/` });
  await expect(Broker.start({ config, logLevel: 'OFF' })).rejects.toMatchObject({ message: `Duplicate log directory found: ${dataDir}, ${dataDir}` });
  // Nothing stays locked.
  const ok = await startBroker({ dataDir });
  await ok.close();
});
