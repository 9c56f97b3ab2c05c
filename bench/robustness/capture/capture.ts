// Captures request frames from real Kafka clients talking to a kt broker through a recording
// proxy, and writes them as the fuzzer's seed corpus, bench/robustness/fixtures/client-frames.json.
//
//   npm run build && npx tsc -p bench/tsconfig.json && node bench/.build/bench/robustness/capture/capture.js
//
// The broker advertises the proxy's address, so every connection a client opens after bootstrap
// (partition leaders, the group coordinator) goes through the proxy too. Clients run one after
// another, each on its own topic and group: kcat (librdkafka 2.0), kafkajs 2.2,
// confluent-kafka-python (librdkafka 1.7), kafka-python 2.0.2 (old versions), Apache Kafka's Java
// client (newest versions). Frames are deduplicated per (API, version, bytes after the header)
// and capped; the script prints which served API versions were captured.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import kafkajsModule from 'kafkajs';
import { ApiKey, apiInfo, readRequestHeader } from '../../../src/protocol/api.js';
import { freshDataDir, REPO, removeDir, startBroker } from '../../lib/broker.js';
import { KafkaConnection } from '../../lib/kafka-connection.js';
import { killAllGroups, run } from '../../lib/processes.js';
import { RecordingProxy, type RecordedFrame } from './proxy.js';
import { selectFixtures, type FixtureFile } from '../fuzz/seeds.js';

const { Kafka, logLevel, CompressionTypes, ConfigResourceTypes } = kafkajsModule;
const HERE = join(REPO, 'bench', 'robustness', 'capture');
const OUT = join(REPO, 'bench', 'robustness', 'fixtures', 'client-frames.json');
const JAVA_HOME = join(REPO, '..', 'shared', 'java-kafka');
const JAVA_CP = [`${JAVA_HOME}/config`, `${JAVA_HOME}/lib/*`, ...['joptsimple', 'lz4-java', 'protobuf', 'slf4j-api', 'slf4j-simple', 'snappy-java', 'zstd-jni'].map((j) => `/usr/share/java/${j}.jar`)].join(':');
const TIMEOUT = 120_000;

async function step(proxy: RecordingProxy, client: string, body: () => Promise<unknown>): Promise<void> {
  proxy.client = client;
  const before = proxy.frames.length;
  process.stderr.write(`${client}\n`);
  try {
    await body();
  } catch (err) {
    process.stderr.write(`  failed: ${(err as Error).message.split('\n')[0]}\n`);
  }
  process.stderr.write(`  ${proxy.frames.length - before} frames\n`);
}

async function tool(cmd: string, args: string[], input?: string): Promise<void> {
  const r = await run('/bin/sh', ['-c', input === undefined ? `exec "$0" "$@"` : `printf '%s' "$KT_INPUT" | "$0" "$@"`, cmd, ...args], {
    timeoutMs: TIMEOUT,
    env: { ...process.env, KT_INPUT: input ?? '' },
  });
  if (r.code !== 0) process.stderr.write(`  ${cmd.split('/').pop()} ${args[0]}: exit ${r.code ?? r.signal} ${r.stderr.slice(-300)}\n`);
}

async function kcat(b: string): Promise<void> {
  const t = 'cap-kcat';
  await tool('kcat', ['-b', b, '-L']);
  await tool('kcat', ['-b', b, '-P', '-t', t, '-z', 'snappy', '-K', ':', '-X', 'enable.idempotence=true'], Array.from({ length: 10 }, (_, i) => `k${i % 3}:kcat ${i}\n`).join(''));
  await tool('kcat', ['-b', b, '-C', '-t', t, '-o', 'beginning', '-e', '-q']);
  await tool('kcat', ['-b', b, '-G', 'cap-kcat-group', '-o', 'beginning', '-e', '-q', '-X', 'heartbeat.interval.ms=300', t]);
  await tool('kcat', ['-b', b, '-Q', '-t', `${t}:0:${Date.now() - 60_000}`]);
  // Without ApiVersions, librdkafka falls back to a broker version's request versions.
  const old = ['-X', 'api.version.request=false', '-X', 'broker.version.fallback=0.11.0'];
  await tool('kcat', ['-b', b, '-P', '-t', t, ...old], 'old versions\n');
  await tool('kcat', ['-b', b, '-C', '-t', t, '-o', 'beginning', '-e', '-q', ...old]);
}

async function kafkajs(b: string): Promise<void> {
  const t = 'cap-kafkajs';
  const g = 'cap-kafkajs-group';
  const kafka = new Kafka({ clientId: 'cap-kafkajs', brokers: [b], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: t, numPartitions: 2 }] });
  await admin.createPartitions({ topicPartitions: [{ topic: t, count: 3 }] });
  await admin.describeConfigs({ resources: [{ type: ConfigResourceTypes.TOPIC, name: t }], includeSynonyms: true });
  await admin.alterConfigs({ validateOnly: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: t, configEntries: [{ name: 'retention.ms', value: '3600000' }] }] });
  await admin.describeCluster();

  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  await producer.send({ topic: t, compression: CompressionTypes.GZIP, messages: Array.from({ length: 10 }, (_, i) => ({ key: `k${i % 3}`, value: `kafkajs ${i}`, headers: { h: 'x' } })) });
  await producer.disconnect();
  // Transactions: InitProducerId with an id, AddPartitionsToTxn, AddOffsetsToTxn, TxnOffsetCommit, EndTxn.
  const transactional = kafka.producer({ transactionalId: 'cap-kafkajs-txn', idempotent: true, maxInFlightRequests: 1 });
  await transactional.connect();
  const committed = await transactional.transaction();
  await committed.send({ topic: t, messages: [{ value: 'committed' }] });
  await committed.sendOffsets({ consumerGroupId: `${g}-txn`, topics: [{ topic: t, partitions: [{ partition: 0, offset: '1' }] }] });
  await committed.commit();
  const aborted = await transactional.transaction();
  await aborted.send({ topic: t, messages: [{ value: 'aborted' }] });
  await aborted.abort();
  await transactional.disconnect();
  const plain = kafka.producer();
  await plain.connect();
  await plain.send({ topic: t, acks: 0, messages: [{ value: 'acks=0' }] });
  await plain.send({ topic: t, acks: 1, messages: [{ value: 'acks=1' }] });
  await plain.disconnect();

  const consumer = kafka.consumer({ groupId: g, heartbeatInterval: 300 });
  await consumer.connect();
  await consumer.subscribe({ topic: t, fromBeginning: true });
  let seen = 0;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 20_000);
    void consumer.run({
      eachMessage: async () => {
        if (++seen === 12) {
          clearTimeout(timer);
          resolve();
        }
      },
    });
  });
  await new Promise((r) => setTimeout(r, 1000)); // a heartbeat and an offset commit
  await consumer.disconnect();

  await admin.listGroups();
  await admin.describeGroups([g]);
  await admin.fetchOffsets({ groupId: g, topics: [t] });
  await admin.setOffsets({ groupId: g, topic: t, partitions: [{ partition: 0, offset: '1' }] });
  await admin.fetchTopicOffsets(t);
  await admin.fetchTopicOffsetsByTimestamp(t, Date.now() - 60_000);
  await admin.deleteTopicRecords({ topic: t, partitions: [{ partition: 0, offset: '1' }] });
  await admin.deleteGroups([g]);
  await admin.deleteTopics({ topics: [t] });
  await admin.disconnect();
}

async function python(script: string, b: string, topic: string, apiVersion?: string): Promise<void> {
  await tool('/usr/bin/python3', [join(HERE, 'python', script), b, topic, `${topic}-group`, ...(apiVersion ? [apiVersion] : [])]);
}

async function java(b: string): Promise<void> {
  await tool('java', ['-cp', JAVA_CP, '-Dorg.slf4j.simpleLogger.defaultLogLevel=warn', join(HERE, 'java', 'CaptureCalls.java'), b, 'cap-java', 'cap-java-group']);
}

/** The API versions the broker serves (its ApiVersions answer). */
async function servedVersions(bootstrap: string): Promise<Array<{ apiKey: number; minVersion: number; maxVersion: number }>> {
  const conn = await KafkaConnection.open(bootstrap);
  try {
    return (await conn.request(ApiKey.ApiVersions, 3, { clientSoftwareName: 'kt-capture', clientSoftwareVersion: '1' })).apiKeys;
  } finally {
    conn.close();
  }
}

function coverage(frames: RecordedFrame[], served: Array<{ apiKey: number; minVersion: number; maxVersion: number }>): { lines: string[]; missing: string[] } {
  const seen = new Map<number, Set<number>>();
  for (const { frame } of frames) {
    const { header } = readRequestHeader(frame);
    let s = seen.get(header.apiKey);
    if (!s) seen.set(header.apiKey, (s = new Set()));
    s.add(header.apiVersion);
  }
  const lines: string[] = [];
  const missing: string[] = [];
  for (const api of served) {
    const name = apiInfo(api.apiKey)?.name ?? String(api.apiKey);
    const versions = [...(seen.get(api.apiKey) ?? [])].sort((a, b) => a - b);
    if (versions.length === 0) missing.push(name);
    lines.push(`${name} (${api.apiKey}) served v${api.minVersion}-${api.maxVersion}: captured ${versions.length ? versions.map((v) => `v${v}`).join(' ') : 'NONE'}`);
  }
  return { lines, missing };
}

async function main(): Promise<number> {
  const proxy = await RecordingProxy.listen();
  const dataDir = freshDataDir();
  const broker = await startBroker(dataDir, [`advertised.listeners=PLAINTEXT://127.0.0.1:${proxy.port}`, 'group.initial.rebalance.delay.ms=0', 'offsets.topic.num.partitions=4']);
  try {
    proxy.setTarget(broker.bootstrap);
    const b = `127.0.0.1:${proxy.port}`;
    await step(proxy, 'kcat (librdkafka 2.0.2)', () => kcat(b));
    await step(proxy, 'kafkajs 2.2', () => kafkajs(b));
    await step(proxy, 'confluent-kafka-python 1.7 (librdkafka 1.7)', () => python('confluent_calls.py', b, 'cap-confluent'));
    await step(proxy, 'kafka-python 2.0.2', () => python('kafka_python_calls.py', b, 'cap-kafka-python'));
    for (const version of ['0.11.0', '1.1.0']) {
      await step(proxy, `kafka-python 2.0.2 (api_version ${version})`, () => python('kafka_python_calls.py', b, `cap-kafka-python-${version.replace(/\./g, '')}`, version));
    }
    await step(proxy, 'Java client 4.0', () => java(b));
    const served = await servedVersions(broker.bootstrap);
    const fixtures: FixtureFile = selectFixtures(proxy.frames, `bench/robustness/capture/capture.ts, ${new Date().toISOString().slice(0, 10)}`);
    writeFileSync(OUT, JSON.stringify(fixtures, null, 1) + '\n');
    const { lines, missing } = coverage(proxy.frames, served);
    process.stderr.write(`${lines.join('\n')}\n`);
    process.stderr.write(`recorded ${proxy.frames.length} frames, kept ${fixtures.frames.length} in ${OUT}\n`);
    if (missing.length > 0) process.stderr.write(`served APIs no client sent: ${missing.join(', ')}\n`);
    return 0;
  } finally {
    await broker.stop();
    await proxy.close();
    removeDir(dataDir);
    killAllGroups();
  }
}

process.exitCode = await main();
