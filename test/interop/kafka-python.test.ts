// kafka-python 2.0.2: an older client that picks its API versions from ApiVersions.
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startBroker, type StartedBroker } from '../../src/index.js';
import { run } from '../helpers/run.js';

let broker: StartedBroker;
beforeAll(async () => {
  broker = await startBroker({ port: 0 });
});
afterAll(async () => {
  await broker?.close();
});

it('kafka-python 2.0.2 creates a topic, produces gzip with headers, consumes in a group and commits', async () => {
  const r = await run('/usr/bin/python3', [join(import.meta.dirname, 'python', 'kafka_python_roundtrip.py'), broker.bootstrap], { timeoutMs: 60_000 });
  expect(r.code, r.stderr).toBe(0);
  const out = JSON.parse(r.stdout.toString()) as Record<string, unknown>;
  expect(out).toEqual({
    api_version: [2, 4, 0],
    count: 100,
    values: Array.from({ length: 100 }, (_, i) => i),
    headers_ok: true,
    dense_offsets: true,
    keys_stick: true,
    committed: 100,
  });
}, 90_000);
