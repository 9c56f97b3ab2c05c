// Kafka's controller bounds what one request may create: more than 10,000 partitions in a
// CreateTopics request, or more than 10,000 metadata records (topics + partitions + configs; new
// partitions for CreatePartitions), is refused whole with POLICY_VIOLATION and creates nothing.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKey } from '../../../src/protocol/api.js';
import { ErrorCode } from '../../../src/protocol/errors.js';
import { startBroker, type StartedBroker } from '../../../src/index.js';
import { RawClient } from '../../helpers/raw-client.js';

let broker: StartedBroker;
let client: RawClient;

const PARTITIONS_MESSAGE = 'Excessively large number of partitions per request.';
const RECORDS_MESSAGE = 'Unable to perform excessively large batch operation.';
const topic = (name: string, numPartitions: number, configs: Array<{ name: string; value: string }> = []) => ({ name, numPartitions, replicationFactor: 1, assignments: [], configs });

const createTopics = (topics: ReturnType<typeof topic>[], validateOnly = false) => client.request(ApiKey.CreateTopics, 7, { topics, timeoutMs: 5000, validateOnly });
const results = (r: Awaited<ReturnType<typeof createTopics>>) => r.topics.map((t) => [t.name, t.errorCode, t.errorMessage]);
const partitionDirs = () => readdirSync(broker.dataDir).filter((d) => /-\d+$/.test(d));

beforeAll(async () => {
  broker = await startBroker({ port: 0, config: { 'num.partitions': '3' } });
  client = await RawClient.connect(broker.port);
});
afterAll(async () => {
  client?.close();
  await broker?.close();
});

describe('CreateTopics per-request bounds', () => {
  it('one topic asking for 20,000 partitions gets POLICY_VIOLATION and creates nothing', async () => {
    const r = await createTopics([topic('huge', 20_000)]);
    expect(results(r)).toEqual([['huge', ErrorCode.POLICY_VIOLATION, PARTITIONS_MESSAGE]]);
    expect(broker.broker.topics.has('huge')).toBe(false);
    expect(partitionDirs()).toEqual([]);
  });

  it('counts the partitions of every topic, defaults included, and refuses all of them; duplicates still say so', async () => {
    // 5,000 + 4,998 + 3 (num.partitions for -1) = 10,001
    const r = await createTopics([topic('a', 5000), topic('b', 4998), topic('c', -1), topic('dup', 1), topic('dup', 1)]);
    expect(results(r)).toEqual([
      ['a', ErrorCode.POLICY_VIOLATION, PARTITIONS_MESSAGE],
      ['b', ErrorCode.POLICY_VIOLATION, PARTITIONS_MESSAGE],
      ['c', ErrorCode.POLICY_VIOLATION, PARTITIONS_MESSAGE],
      ['dup', ErrorCode.INVALID_REQUEST, 'Duplicate topic name.'],
      ['dup', ErrorCode.INVALID_REQUEST, 'Duplicate topic name.'],
    ]);
    expect(partitionDirs()).toEqual([]);
  });

  it('bounds the metadata records too: 10,000 partitions plus their topic record is one too many, even with validateOnly', async () => {
    for (const validateOnly of [true, false]) {
      const r = await createTopics([topic('exactly-10k', 10_000)], validateOnly);
      expect(results(r)).toEqual([['exactly-10k', ErrorCode.POLICY_VIOLATION, RECORDS_MESSAGE]]);
    }
    // Configs are records as well; invalid topics write none and do not count.
    // 9,999 + 1 partitions are within the partition bound; 1 + 9,999 + 1 records are not.
    const withConfigs = await createTopics([topic('p', 9999, [{ name: 'retention.ms', value: '1000' }]), topic('bad name', 1)]);
    expect(results(withConfigs)).toEqual([
      ['p', ErrorCode.POLICY_VIOLATION, RECORDS_MESSAGE],
      ['bad name', ErrorCode.POLICY_VIOLATION, RECORDS_MESSAGE],
    ]);
    expect(partitionDirs()).toEqual([]);
  });

  it('accepts a request just inside both bounds (validateOnly: the same checks, nothing created)', async () => {
    // 4,999 + 4,999 + 1 partitions; 2 + 9,998 records (the invalid topic writes none).
    const r = await createTopics([topic('ok-1', 4999), topic('ok-2', 4999), topic('bad name', 1)], true);
    expect(r.topics.map((t) => [t.name, t.errorCode, t.numPartitions])).toEqual([
      ['ok-1', ErrorCode.NONE, 4999],
      ['ok-2', ErrorCode.NONE, 4999],
      ['bad name', ErrorCode.INVALID_TOPIC_EXCEPTION, -1],
    ]);
    expect(partitionDirs()).toEqual([]);
  });
});

describe('CreatePartitions per-request bound', () => {
  it('adding more than 10,000 partitions in one request adds none; 10,000 are fine', async () => {
    await createTopics([topic('grow-a', 1), topic('grow-b', 1)]);
    const grow = (a: number, b: number, validateOnly: boolean) =>
      client.request(ApiKey.CreatePartitions, 3, { topics: [{ name: 'grow-a', count: a, assignments: null }, { name: 'grow-b', count: b, assignments: null }, { name: 'missing', count: 2, assignments: null }], timeoutMs: 5000, validateOnly });
    const refused = await grow(5001, 5002, false);
    expect(refused.results.map((t) => [t.name, t.errorCode, t.errorMessage])).toEqual([
      ['grow-a', ErrorCode.POLICY_VIOLATION, RECORDS_MESSAGE],
      ['grow-b', ErrorCode.POLICY_VIOLATION, RECORDS_MESSAGE],
      ['missing', ErrorCode.POLICY_VIOLATION, RECORDS_MESSAGE],
    ]);
    expect([broker.broker.topics.get('grow-a')!.partitions, broker.broker.topics.get('grow-b')!.partitions]).toEqual([1, 1]);
    expect(existsSync(join(broker.dataDir, 'grow-a-1'))).toBe(false);

    // validateOnly makes the same checks and adds nothing, which keeps this test light.
    const accepted = await grow(5001, 5001, true);
    expect(accepted.results.map((t) => [t.name, t.errorCode])).toEqual([
      ['grow-a', ErrorCode.NONE],
      ['grow-b', ErrorCode.NONE],
      ['missing', ErrorCode.UNKNOWN_TOPIC_OR_PARTITION],
    ]);
    const added = await grow(3, 4, false);
    expect(added.results.map((t) => t.errorCode)).toEqual([ErrorCode.NONE, ErrorCode.NONE, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION]);
    expect([broker.broker.topics.get('grow-a')!.partitions, broker.broker.topics.get('grow-b')!.partitions]).toEqual([3, 4]);
  });
});
