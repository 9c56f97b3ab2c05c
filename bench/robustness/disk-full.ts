// Scenario 3: the log dir fills up. The log dir is a small tmpfs (root only) that also holds two
// filler files, removed later to free space. Phases:
//   fill       produce (acks=all, 64 KB requests) until an answer carries an error: its code
//   full       more produce attempts (their codes), Metadata, and Fetch of everything acknowledged
//   freed      remove filler 1: produce again (kt takes appends again; Kafka would keep the log
//              dir offline until a restart)
//   stop full  fill again, then SIGTERM while full: the broker must stop cleanly
//   restart    remove filler 2, restart: every acknowledged record is there, every segment passes
//              the CRC/structure check
import { writeFileSync, rmSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ApiKey, errorName } from '../../src/protocol/api.js';
import { encodeRecordBatch } from '../../src/protocol/records/record-batch.js';
import { startBroker, type BrokerProcess } from '../lib/broker.js';
import { createTopics, KafkaConnection } from '../lib/kafka-connection.js';
import { BrokerLines } from './lib/broker-lines.js';
import type { Figures } from './lib/figures.js';
import { readPartition } from './lib/partition-reader.js';
import { mountTmpfs } from './lib/tmpfs.js';
import { verifyLogDir, type LogDirReport } from './lib/verify-log-dir.js';

export interface DiskFullOptions {
  /** tmpfs size; the fillers take a quarter each. */
  sizeBytes: number;
}

export interface DiskFullResult {
  skipped: string | null;
  /** Bytes acknowledged before the first error. */
  filledBytes: number;
  /** Error code of the first failing produce, and of the attempts while full. */
  firstErrorCode: number;
  whileFullCodes: number[];
  metadataWhileFull: string;
  fetchWhileFullProblems: string[];
  /** Codes of the produce attempts after filler 1 was removed (0 = appended). */
  afterFreeCodes: number[];
  /** Exit of the broker stopped with SIGTERM while the disk was full. */
  stopWhileFull: string;
  lost: number;
  readProblems: string[];
  logDir: LogDirReport | null;
  /** Broker output lines about the failures (first few). */
  brokerLines: string[];
}

const TOPIC = 'full';
const PARTITIONS = 2;
const RECORD_BYTES = 16 * 1024;
const RECORDS_PER_REQUEST = 4;
const ATTEMPTS = 10;
/** Produce requests at most per fill phase (the tmpfs fills long before). */
const MAX_REQUESTS = 100_000;

interface State {
  acked: Map<number, Map<number, string>>;
  seq: number;
}

async function produceOnce(conn: KafkaConnection, st: State, partition: number): Promise<number> {
  const values = Array.from({ length: RECORDS_PER_REQUEST }, () => `v${st.seq++}-`.padEnd(RECORD_BYTES, 'x'));
  const records = encodeRecordBatch({ records: values.map((v) => ({ timestamp: Date.now(), key: null, value: Buffer.from(v) })) });
  const res = await conn.request(ApiKey.Produce, 9, { acks: -1, timeoutMs: 10_000, topicData: [{ name: TOPIC, partitionData: [{ index: partition, records }] }] });
  const p = res.responses[0]!.partitionResponses[0]!;
  if (p.errorCode === 0) values.forEach((v, i) => st.acked.get(partition)!.set(Number(p.baseOffset) + i, v));
  return p.errorCode;
}

/** Produces until an answer carries an error; returns that code and the bytes acknowledged before it. */
async function fill(conn: KafkaConnection, st: State): Promise<{ code: number; bytes: number }> {
  let bytes = 0;
  for (let i = 0; i < MAX_REQUESTS; i++) {
    const code = await produceOnce(conn, st, i % PARTITIONS);
    if (code !== 0) return { code, bytes };
    bytes += RECORD_BYTES * RECORDS_PER_REQUEST;
  }
  return { code: 0, bytes };
}

async function attempts(conn: KafkaConnection, st: State): Promise<number[]> {
  const codes: number[] = [];
  for (let i = 0; i < ATTEMPTS; i++) codes.push(await produceOnce(conn, st, i % PARTITIONS));
  return codes;
}

async function readAll(bootstrap: string, st: State): Promise<{ lost: number; problems: string[] }> {
  const conn = await KafkaConnection.open(bootstrap);
  try {
    let lost = 0;
    const problems: string[] = [];
    for (let p = 0; p < PARTITIONS; p++) {
      const c = await readPartition(conn, TOPIC, p);
      problems.push(...c.problems);
      for (const [o, v] of st.acked.get(p)!) if (c.values.get(o) !== v) lost++;
    }
    return { lost, problems };
  } finally {
    conn.close();
  }
}

function exitOf(broker: BrokerProcess): Promise<string> {
  const c = broker.child;
  if (c.exitCode !== null || c.signalCode !== null) return Promise.resolve(c.exitCode !== null ? `exit ${c.exitCode}` : `signal ${c.signalCode}`);
  return new Promise((resolve) => c.once('exit', (code, signal) => resolve(code !== null ? `exit ${code}` : `signal ${signal}`)));
}

export async function runDiskFull(opts: DiskFullOptions): Promise<DiskFullResult> {
  const result: DiskFullResult = {
    skipped: null,
    filledBytes: 0,
    firstErrorCode: 0,
    whileFullCodes: [],
    metadataWhileFull: '',
    fetchWhileFullProblems: [],
    afterFreeCodes: [],
    stopWhileFull: '',
    lost: 0,
    readProblems: [],
    logDir: null,
    brokerLines: [],
  };
  const fs = mountTmpfs(opts.sizeBytes);
  if (typeof fs === 'string') {
    result.skipped = fs;
    return result;
  }
  const dataDir = join(fs.dir, 'data');
  mkdirSync(dataDir);
  const fillers = [join(fs.dir, 'filler-1'), join(fs.dir, 'filler-2')];
  for (const f of fillers) writeFileSync(f, Buffer.alloc(Math.floor(opts.sizeBytes / 4), 1));
  const overrides = ['log.segment.bytes=1048576', 'offsets.topic.num.partitions=1', 'group.initial.rebalance.delay.ms=0'];
  const st: State = { acked: new Map(Array.from({ length: PARTITIONS }, (_, p) => [p, new Map()])), seq: 0 };
  let broker: BrokerProcess | undefined;
  try {
    broker = await startBroker(dataDir, overrides);
    const lines = new BrokerLines(broker, /ERROR|WARN|FATAL|Error/);
    await createTopics(broker.bootstrap, [TOPIC], PARTITIONS);
    const conn = await KafkaConnection.open(broker.bootstrap);
    const filled = await fill(conn, st);
    result.filledBytes = filled.bytes;
    result.firstErrorCode = filled.code;
    result.whileFullCodes = await attempts(conn, st);
    try {
      const md = await conn.request(ApiKey.Metadata, 12, { topics: [{ name: TOPIC }] });
      result.metadataWhileFull = md.topics[0]!.partitions.map((p) => errorName(p.errorCode)).join(',');
    } catch (err) {
      result.metadataWhileFull = `failed: ${(err as Error).message}`;
    }
    result.fetchWhileFullProblems = (await readAll(broker.bootstrap, st)).problems;

    rmSync(fillers[0]!);
    result.afterFreeCodes = await attempts(conn, st);
    await fill(conn, st);
    conn.close();
    const exit = exitOf(broker);
    await broker.stop();
    result.stopWhileFull = await exit;
    result.brokerLines = lines.first;
    broker = undefined;

    rmSync(fillers[1]!);
    broker = await startBroker(dataDir, overrides);
    const read = await readAll(broker.bootstrap, st);
    result.lost = read.lost;
    result.readProblems = read.problems;
    await broker.stop();
    broker = undefined;
    result.logDir = verifyLogDir(dataDir);
    return result;
  } finally {
    if (broker) await broker.stop();
    fs.unmount();
  }
}

export function diskFullFigures(figs: Figures, r: DiskFullResult): void {
  const s = 'disk full';
  if (r.skipped) {
    figs.note(`disk full scenario skipped: ${r.skipped}`);
    return;
  }
  const names = (codes: number[]) => [...new Set(codes)].map((c) => `${errorName(c)} (${c})`).join(', ');
  figs.info(s, 'bytes acknowledged before the log dir was full', r.filledBytes / 2 ** 20, 'MB');
  figs.exact(s, 'error code of the first produce that did not fit', r.firstErrorCode, 56, '', `${names([r.firstErrorCode])}; Kafka: KAFKA_STORAGE_ERROR (56)`);
  figs.exact(s, 'produce attempts while full answered otherwise than KAFKA_STORAGE_ERROR', r.whileFullCodes.filter((c) => c !== 56).length, 0, '', names(r.whileFullCodes));
  figs.exact(s, 'fetch errors reading acknowledged data while full', r.fetchWhileFullProblems.length, 0, '', r.fetchWhileFullProblems[0] ?? `Metadata while full: ${r.metadataWhileFull}`);
  figs.info(s, 'produce attempts accepted once space was freed', r.afterFreeCodes.filter((c) => c === 0).length, `of ${r.afterFreeCodes.length}`, `${names(r.afterFreeCodes)}; Kafka keeps the log dir offline until a restart`);
  figs.exact(s, 'unclean stops with SIGTERM while full (must exit 143)', r.stopWhileFull === 'exit 143' ? 0 : 1, 0, '', r.stopWhileFull);
  figs.exact(s, 'acknowledged records lost after a restart with space', r.lost, 0);
  figs.exact(s, 'read errors or corrupt batches after the restart', r.readProblems.length, 0, '', r.readProblems[0]);
  figs.exact(s, 'segments failing the CRC/structure check', r.logDir?.problems.length ?? -1, 0, '', r.logDir?.problems[0] ?? `${r.logDir?.segments} segments, ${r.logDir?.batches} batches`);
  for (const line of r.brokerLines.slice(0, 3)) figs.note(`disk full, broker said: ${line}`);
}
