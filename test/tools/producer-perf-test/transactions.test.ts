// kt producer-perf-test with transactions (Kafka 4's ProducerPerformance): records sent in
// transactions committed every --transaction-duration-ms, all of them read by a read_committed
// console-consumer, the id left in CompleteCommit; Kafka's own perf tool does the same against kt
// where ../shared/java-kafka exists.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker } from '../../../src/index.js';
import { hasJavaKafka, javaTool, PARITY_TIMEOUT_MS } from '../../helpers/java-kafka.js';
import { kt, requireBuiltCli } from '../../helpers/kt-process.js';

let broker: { bootstrap: string; close(): Promise<void> };

async function readCommitted(topic: string): Promise<string[]> {
  const r = await kt(['console-consumer', '--bootstrap-server', broker.bootstrap, '--topic', topic, '--partition', '0', '--offset', 'earliest',
    '--isolation-level', 'read_committed', '--timeout-ms', '3000']);
  return r.stdout.toString().split('\n').filter((l) => l !== '');
}

async function transactionState(id: string): Promise<string> {
  const r = await kt(['transactions', '--bootstrap-server', broker.bootstrap, 'describe', '--transactional-id', id, '--json']);
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout.toString()) as { state: string }).state;
}

describe('kt producer-perf-test --transactional-id', () => {
  beforeAll(async () => {
    requireBuiltCli();
    broker = await startBroker({ port: 0 });
    for (const topic of ['perf-txn', 'perf-txn-java']) {
      expect((await kt(['topics', '--bootstrap-server', broker.bootstrap, '--create', '--topic', topic, '--partitions', '1'])).code).toBe(0);
    }
  }, PARITY_TIMEOUT_MS);

  afterAll(async () => broker?.close());

  it('commits every --transaction-duration-ms and a read_committed consumer reads all N records', async () => {
    // 600 records at 2000/s: about 300 ms, so several transactions of 100 ms.
    const r = await kt(['producer-perf-test', '--topic', 'perf-txn', '--num-records', '600', '--throughput', '2000', '--payload-monotonic',
      '--producer-props', `bootstrap.servers=${broker.bootstrap}`, '--transactional-id', 't1', '--transaction-duration-ms', '100']);
    expect(r.code).toBe(0);
    expect(r.stdout.toString()).toMatch(/^600 records sent, /mu);
    expect(await readCommitted('perf-txn')).toEqual(Array.from({ length: 600 }, (_, i) => String(i)));
    expect(await transactionState('t1')).toBe('CompleteCommit');
    // Each commit wrote a marker: more offsets than records, one per transaction.
    const end = await kt(['get-offsets', '--bootstrap-server', broker.bootstrap, '--topic', 'perf-txn']);
    const markers = Number(end.stdout.toString().trim().split(':')[2]) - 600;
    expect(markers).toBeGreaterThanOrEqual(2);
  }, PARITY_TIMEOUT_MS);

  it.skipIf(!hasJavaKafka)("Kafka's kafka-producer-perf-test.sh --transactional-id against kt: the same", async () => {
    const r = await javaTool('producer-perf-test', ['--topic', 'perf-txn-java', '--num-records', '300', '--throughput', '-1', '--payload-monotonic',
      '--producer-props', `bootstrap.servers=${broker.bootstrap}`, '--transactional-id', 'tj', '--transaction-duration-ms', '100']);
    expect(r.code).toBe(0);
    expect(await readCommitted('perf-txn-java')).toEqual(Array.from({ length: 300 }, (_, i) => String(i)));
    expect(await transactionState('tj')).toBe('CompleteCommit');
  }, PARITY_TIMEOUT_MS);
});
