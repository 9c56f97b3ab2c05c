// Idempotent producers whose acknowledgements are lost: a real client (confluent-kafka-python,
// librdkafka) produces through a proxy that swallows Produce responses and cuts the connection,
// so the client resends batches the broker already stored. The log must hold every record once,
// in order — also when the broker is killed with SIGKILL between the lost answer and the
// retry, which leaves only what producer-state recovery rebuilds from the files.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, startKafkaProxy, type KafkaProxy } from '../helpers/kafka-proxy.js';
import { kt } from '../helpers/kt-process.js';
import { hasJavaKafka, javaTool } from '../helpers/java-kafka.js';
import { run } from '../helpers/run.js';
import { startServerProcess, waitExit, type ServerProcess } from '../helpers/server-process.js';

const PY = '/usr/bin/python3';
const PRODUCER = join(import.meta.dirname, 'python', 'idempotent_producer.py');
const READER = join(import.meta.dirname, 'python', 'transactions.py');
const PRODUCE = 0;
const COUNT = 2000;

interface Setup {
  dir: string;
  brokerPort: number;
  proxy: KafkaProxy;
  server: ServerProcess;
}

let setup: Setup | undefined;

afterEach(async () => {
  if (!setup) return;
  setup.server.child.kill('SIGKILL');
  await waitExit(setup.server.child);
  await setup.proxy.close();
  rmSync(setup.dir, { recursive: true, force: true });
  setup = undefined;
});

function startBroker(dir: string, brokerPort: number, proxyPort: number): Promise<ServerProcess> {
  return startServerProcess([
    '--override', `log.dirs=${dir}`,
    '--override', `listeners=PLAINTEXT://127.0.0.1:${brokerPort}`,
    '--override', `advertised.listeners=PLAINTEXT://127.0.0.1:${proxyPort}`,
  ]);
}

async function begin(topic: string): Promise<Setup> {
  const dir = mkdtempSync(join(tmpdir(), 'kt-idem-'));
  const brokerPort = await freePort();
  const proxy = await startKafkaProxy(brokerPort);
  const server = await startBroker(dir, brokerPort, proxy.port);
  setup = { dir, brokerPort, proxy, server };
  const created = await kt(['topics', '--bootstrap-server', `127.0.0.1:${brokerPort}`, '--create', '--topic', topic, '--partitions', '1']);
  expect(created.code).toBe(0);
  return setup;
}

async function produce(bootstrap: string, topic: string): Promise<{ delivered: number; errors: string[]; remaining: number; offsets: number[] }> {
  const r = await run(PY, [PRODUCER, bootstrap, topic, String(COUNT)], { timeoutMs: 150_000 });
  if (r.code !== 0) throw new Error(`python exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout.toString());
}

async function readLog(bootstrap: string, topic: string): Promise<{ records: Array<{ offset: number; value: string }>; high: number }> {
  const r = await run(PY, [READER, bootstrap, 'read', topic, 'read_uncommitted'], { timeoutMs: 60_000 });
  if (r.code !== 0) throw new Error(`python exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout.toString());
}

const expected = Array.from({ length: COUNT }, (_, i) => ({ offset: i, value: `m${i}` }));

describe('idempotent producer (confluent-kafka-python) with lost acknowledgements', () => {
  it('stores each record once when 3 Produce responses are swallowed and the connection cut', async () => {
    const { proxy } = await begin('lost-acks');
    let dropped = 0;
    proxy.onResponse = ({ apiKey }) => (apiKey === PRODUCE && dropped < 3 && ++dropped > 0 ? 'drop' : 'forward');
    const result = await produce(`127.0.0.1:${proxy.port}`, 'lost-acks');
    expect(dropped).toBe(3);
    expect(result).toMatchObject({ delivered: COUNT, errors: [], remaining: 0 });
    expect(result.offsets).toEqual(expected.map((e) => e.offset));
    const log = await readLog(`127.0.0.1:${proxy.port}`, 'lost-acks');
    expect(log.high).toBe(COUNT);
    expect(log.records).toEqual(expected);
  }, 180_000);

  it('still deduplicates the retry after the broker was killed with SIGKILL and restarted', async () => {
    const s = await begin('lost-ack-kill');
    let killed = false;
    s.proxy.onResponse = async ({ apiKey }) => {
      if (apiKey !== PRODUCE || killed) return 'forward';
      killed = true;
      // The batch is in the log (the broker answered); the answer is lost with the broker.
      s.server.child.kill('SIGKILL');
      await waitExit(s.server.child);
      s.server = await startBroker(s.dir, s.brokerPort, s.proxy.port);
      return 'drop';
    };
    const result = await produce(`127.0.0.1:${s.proxy.port}`, 'lost-ack-kill');
    expect(killed).toBe(true);
    expect(result).toMatchObject({ delivered: COUNT, errors: [], remaining: 0 });
    const log = await readLog(`127.0.0.1:${s.proxy.port}`, 'lost-ack-kill');
    expect(log.high).toBe(COUNT);
    expect(log.records).toEqual(expected);
    expect(s.server.output()).toMatch(/Kafka Server started/);
  }, 180_000);
});

describe.skipIf(!hasJavaKafka)("Kafka's verifiable producer with idempotence", () => {
  it('acknowledges 1000 records and the log holds exactly those', async () => {
    const s = await begin('java-idem');
    let dropped = 0;
    s.proxy.onResponse = ({ apiKey }) => (apiKey === PRODUCE && dropped < 2 && ++dropped > 0 ? 'drop' : 'forward');
    // VerifiableProducer sets retries=0 unless the config file says otherwise; idempotence needs retries.
    const config = join(s.dir, 'producer.properties');
    writeFileSync(config, 'enable.idempotence=true\nacks=all\nretries=2147483647\nrequest.timeout.ms=5000\ndelivery.timeout.ms=120000\n');
    const r = await javaTool('verifiable-producer', ['--bootstrap-server', `127.0.0.1:${s.proxy.port}`, '--topic', 'java-idem', '--max-messages', '1000', '--producer.config', config], { timeoutMs: 150_000 });
    expect(r.code).toBe(0);
    const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { name: string; sent?: number; acked?: number });
    expect(events.at(-1)).toMatchObject({ name: 'tool_data', sent: 1000, acked: 1000 });
    const log = await readLog(`127.0.0.1:${s.proxy.port}`, 'java-idem');
    expect(log.high).toBe(1000);
    expect(log.records.map((x) => x.value)).toEqual(Array.from({ length: 1000 }, (_, i) => String(i)));
  }, 180_000);
});
