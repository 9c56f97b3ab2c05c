// A handler that throws (or whose response cannot be encoded) is answered the way Kafka's
// getErrorResponse answers it: every entry of the request echoed with UNKNOWN_SERVER_ERROR (or a
// thrown KafkaError's own code), logged once, and the same connection keeps serving.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiKey, encodeRequest, type RequestMap } from '../../../src/protocol/api.js';
import { ErrorCode, KafkaError } from '../../../src/protocol/errors.js';
import { encodeRecordBatch } from '../../../src/protocol/records/record-batch.js';
import { Broker } from '../../../src/broker/broker.js';
import { BrokerConfig } from '../../../src/broker/config.js';
import { ALL_HANDLERS } from '../../../src/broker/apis/index.js';
import type { ApiHandler } from '../../../src/broker/apis/handler.js';
import { RawClient } from '../../helpers/raw-client.js';

/** Requests naming this (as a topic, group or resource) make the faulty handlers throw. */
const EXPLODE = 'explode';
/** Fetch v13+ names topics by id only. */
const EXPLODE_ID = 'AAAAAAAAAAAAAAAAAAAAEA';
/** Metadata for this topic makes the handler return a body the encoder refuses. */
const UNENCODABLE = 'unencodable';
const UNKNOWN_SERVER_ERROR_TEXT = 'The server experienced an unexpected error when processing the request.';

type Faults = { [K in ApiKey]?: (req: RequestMap[K]) => unknown };

/** `ApiKey -> trigger`: the handler throws whatever the trigger returns when it returns something. */
const FAULTS: Faults = {
  [ApiKey.Produce]: (r) => r.topicData.some((t) => t.name === EXPLODE) && new Error('injected produce failure'),
  [ApiKey.Metadata]: (r) => r.topics?.some((t) => t.name === EXPLODE) && new Error('injected metadata failure'),
  [ApiKey.ListOffsets]: (r) => r.topics.some((t) => t.name === EXPLODE) && new KafkaError(ErrorCode.KAFKA_STORAGE_ERROR, 'disk gone'),
  [ApiKey.OffsetCommit]: (r) => r.groupId === EXPLODE && new TypeError('injected offset commit failure'),
  [ApiKey.CreateTopics]: (r) => r.topics.some((t) => t.name === EXPLODE) && new KafkaError(ErrorCode.POLICY_VIOLATION, 'no topics today'),
  [ApiKey.DescribeConfigs]: (r) => r.resources.some((x) => x.resourceName === EXPLODE) && new Error('injected describe failure'),
};
/** These fail asynchronously (a rejected promise) instead of throwing. */
const ASYNC_FAULTS: Faults = {
  [ApiKey.Fetch]: (r) => r.topics.some((t) => t.topic === EXPLODE || t.topicId === EXPLODE_ID) && new Error('injected fetch failure'),
  [ApiKey.JoinGroup]: (r) => r.groupId === EXPLODE && new Error('injected join failure'),
};

function faulty(handler: ApiHandler<any>): ApiHandler<any> {
  const sync = FAULTS[handler.apiKey as ApiKey] as ((req: unknown) => unknown) | undefined;
  const async = ASYNC_FAULTS[handler.apiKey as ApiKey] as ((req: unknown) => unknown) | undefined;
  if (handler.apiKey === ApiKey.Metadata) {
    return {
      ...handler,
      handle(ctx, req) {
        const fault = sync!(req);
        if (fault) throw fault;
        if (req.topics?.some((t: { name: string }) => t.name === UNENCODABLE)) return { topics: [{ name: UNENCODABLE, topicId: 'not-a-uuid' }] };
        return handler.handle(ctx, req);
      },
    };
  }
  if (sync) {
    return {
      ...handler,
      handle(ctx, req) {
        const fault = sync(req);
        if (fault) throw fault;
        return handler.handle(ctx, req);
      },
    };
  }
  if (async) {
    return {
      ...handler,
      async handle(ctx, req) {
        await Promise.resolve();
        const fault = async(req);
        if (fault) throw fault;
        return handler.handle(ctx, req);
      },
    };
  }
  return handler;
}

let dataDir: string;
let broker: Broker;
let logLines: string[] = [];
let client: RawClient;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'kt-error-responses-'));
  const config = new BrokerConfig({ listeners: 'PLAINTEXT://127.0.0.1:0', 'log.dirs': dataDir, 'group.initial.rebalance.delay.ms': '0', 'offsets.topic.num.partitions': '1' });
  broker = await Broker.start({ config, logLevel: 'WARN', logSink: (l) => logLines.push(l), handlers: ALL_HANDLERS.map(faulty) });
  broker.createTopic('events', 2, {});
});
afterAll(async () => {
  await broker?.close();
  rmSync(dataDir, { recursive: true, force: true });
});
beforeEach(async () => {
  client?.close();
  client = await RawClient.connect(broker.boundPorts[0]!);
  logLines = [];
});

const batch = () => encodeRecordBatch({ records: [{ timestamp: 1_700_000_000_000, key: null, value: Buffer.from('v'), headers: [] }] });

/** One ERROR line naming the failure, with its stack. */
function expectLoggedOnceWithStack(text: string): void {
  const errors = logLines.filter((l) => l.includes(' ERROR '));
  expect(errors).toHaveLength(1);
  expect(errors[0]).toContain(text);
  expect(errors[0]).toMatch(/\n\s+at /);
}

/** The same connection still answers a normal request. */
async function expectConnectionServes(): Promise<void> {
  const md = await client.request(ApiKey.Metadata, 12, { topics: [{ name: 'events', topicId: 'AAAAAAAAAAAAAAAAAAAAAA' }] });
  expect(md.topics.map((t) => [t.name, t.errorCode, t.partitions.length])).toEqual([['events', ErrorCode.NONE, 2]]);
  expect(client.closed).toBe(false);
}

describe('a handler that throws is answered with its error response', () => {
  it('Produce: every partition of every topic, grouped by topic, carries UNKNOWN_SERVER_ERROR', async () => {
    const r = await client.request(ApiKey.Produce, 9, {
      acks: -1,
      timeoutMs: 1000,
      topicData: [
        { name: EXPLODE, partitionData: [{ index: 0, records: batch() }, { index: 7, records: batch() }] },
        { name: 'events', partitionData: [{ index: 1, records: batch() }] },
        { name: EXPLODE, partitionData: [{ index: 2, records: batch() }] },
      ],
    });
    const failed = (index: number) => ({
      index,
      errorCode: ErrorCode.UNKNOWN_SERVER_ERROR,
      baseOffset: -1n,
      logAppendTimeMs: -1n,
      logStartOffset: -1n,
      recordErrors: [],
      errorMessage: null,
      currentLeader: { leaderId: -1, leaderEpoch: -1 }, // v10+ only: decoded as its default
    });
    expect(r).toEqual({
      throttleTimeMs: 0,
      nodeEndpoints: [], // v10+ only
      responses: [
        { name: EXPLODE, partitionResponses: [failed(0), failed(7), failed(2)] },
        { name: 'events', partitionResponses: [failed(1)] },
      ],
    });
    expectLoggedOnceWithStack('injected produce failure');
    // Nothing was appended, and the connection goes on.
    const ok = await client.request(ApiKey.Produce, 9, { acks: -1, timeoutMs: 1000, topicData: [{ name: 'events', partitionData: [{ index: 1, records: batch() }] }] });
    expect(ok.responses[0]!.partitionResponses[0]!).toMatchObject({ errorCode: ErrorCode.NONE, baseOffset: 0n });
    await expectConnectionServes();
  });

  it('Produce with acks=0 gets no response: the connection is closed after the responses before it, as Kafka does', async () => {
    const other = await RawClient.connect(broker.boundPorts[0]!);
    const before = client.request(ApiKey.Metadata, 12, { topics: null });
    for (const chunk of encodeRequest(ApiKey.Produce, 9, 77, 'x', { acks: 0, timeoutMs: 1000, topicData: [{ name: EXPLODE, partitionData: [{ index: 0, records: batch() }] }] })) {
      client.writeRaw(chunk);
    }
    let lateFrames = 0;
    void client.nextFrame().then(() => lateFrames++);
    expect((await before).brokers).toHaveLength(1);
    await client.waitClosed();
    // Any frame would have been read before the close event.
    expect(lateFrames).toBe(0);
    expect(logLines.filter((l) => l.includes('Closing connection'))).toHaveLength(1);
    expectLoggedOnceWithStack('injected produce failure');
    const md = await other.request(ApiKey.Metadata, 12, { topics: null });
    expect(md.topics.map((t) => t.name)).toContain('events');
    other.close();
  });

  it('Fetch v12 (async failure): every partition and the top-level code carry the error', async () => {
    const r = await client.request(ApiKey.Fetch, 12, {
      replicaId: -1,
      maxWaitMs: 0,
      minBytes: 1,
      maxBytes: 1024,
      sessionId: 0,
      sessionEpoch: -1,
      topics: [{ topic: EXPLODE, partitions: [{ partition: 0, fetchOffset: 0n, partitionMaxBytes: 1024 }, { partition: -1, fetchOffset: 5n, partitionMaxBytes: 1024 }] }],
    });
    expect([r.throttleTimeMs, r.errorCode, r.sessionId]).toEqual([0, ErrorCode.UNKNOWN_SERVER_ERROR, 0]);
    expect(r.responses.map((t) => [t.topic, t.partitions.map((p) => [p.partitionIndex, p.errorCode, p.highWatermark, p.records])])).toEqual([
      [EXPLODE, [[0, ErrorCode.UNKNOWN_SERVER_ERROR, -1n, null], [-1, ErrorCode.UNKNOWN_SERVER_ERROR, -1n, null]]],
    ]);
    expectLoggedOnceWithStack('injected fetch failure');
    await expectConnectionServes();
  });

  it('Fetch v13+: only the top-level code, no partitions', async () => {
    const r = await client.request(ApiKey.Fetch, 16, {
      replicaId: -1,
      maxWaitMs: 0,
      minBytes: 1,
      maxBytes: 1024,
      sessionId: 0,
      sessionEpoch: -1,
      topics: [{ topicId: EXPLODE_ID, partitions: [{ partition: 0, fetchOffset: 0n, partitionMaxBytes: 1024 }] }],
    });
    expect([r.errorCode, r.sessionId, r.responses]).toEqual([ErrorCode.UNKNOWN_SERVER_ERROR, 0, []]);
    await expectConnectionServes();
  });

  it('Metadata: each requested topic carries the error, no brokers', async () => {
    const zero = 'AAAAAAAAAAAAAAAAAAAAAA';
    const r = await client.request(ApiKey.Metadata, 12, { topics: [{ name: EXPLODE, topicId: zero }, { name: null, topicId: 'AAAAAAAAAAAAAAAAAAAAAQ' }] });
    expect([r.throttleTimeMs, r.brokers, r.clusterId, r.controllerId]).toEqual([0, [], null, -1]);
    expect(r.topics.map((t) => [t.name, t.topicId, t.errorCode, t.isInternal, t.partitions])).toEqual([
      [EXPLODE, zero, ErrorCode.UNKNOWN_SERVER_ERROR, false, []],
      ['', 'AAAAAAAAAAAAAAAAAAAAAQ', ErrorCode.UNKNOWN_SERVER_ERROR, false, []],
    ]);
    expectLoggedOnceWithStack('injected metadata failure');
    await expectConnectionServes();
  });

  it('ListOffsets: a thrown KafkaError answers with its own code (v0 and v7 shapes)', async () => {
    const topics = [{ name: EXPLODE, partitions: [{ partitionIndex: 0, timestamp: -1n, maxNumOffsets: 1 }, { partitionIndex: 3, timestamp: -2n, maxNumOffsets: 1 }] }];
    const v0 = await client.request(ApiKey.ListOffsets, 0, { replicaId: -1, topics });
    expect(v0.topics.map((t) => [t.name, t.partitions.map((p) => [p.partitionIndex, p.errorCode, p.oldStyleOffsets])])).toEqual([
      [EXPLODE, [[0, ErrorCode.KAFKA_STORAGE_ERROR, []], [3, ErrorCode.KAFKA_STORAGE_ERROR, []]]],
    ]);
    const v7 = await client.request(ApiKey.ListOffsets, 7, { replicaId: -1, topics });
    expect(v7.topics.map((t) => [t.name, t.partitions.map((p) => [p.partitionIndex, p.errorCode, p.timestamp, p.offset, p.leaderEpoch])])).toEqual([
      [EXPLODE, [[0, ErrorCode.KAFKA_STORAGE_ERROR, -1n, -1n, -1], [3, ErrorCode.KAFKA_STORAGE_ERROR, -1n, -1n, -1]]],
    ]);
    // A deliberate KafkaError is not an unexpected failure: a WARN line, no ERROR.
    expect(logLines.filter((l) => l.includes(' ERROR '))).toEqual([]);
    expect(logLines.filter((l) => l.includes('KafkaStorageError') || l.includes('KAFKA_STORAGE_ERROR'))).toHaveLength(2);
    await expectConnectionServes();
  });

  it('OffsetCommit: every partition of every topic carries the error', async () => {
    const r = await client.request(ApiKey.OffsetCommit, 8, {
      groupId: EXPLODE,
      generationIdOrMemberEpoch: -1,
      memberId: '',
      groupInstanceId: null,
      topics: [
        { name: 'events', partitions: [{ partitionIndex: 0, committedOffset: 1n, committedLeaderEpoch: -1, committedMetadata: null }, { partitionIndex: 1, committedOffset: 1n, committedLeaderEpoch: -1, committedMetadata: null }] },
        { name: 'missing', partitions: [{ partitionIndex: 9, committedOffset: 1n, committedLeaderEpoch: -1, committedMetadata: null }] },
      ],
    });
    expect(r).toEqual({
      throttleTimeMs: 0,
      topics: [
        { name: 'events', partitions: [{ partitionIndex: 0, errorCode: ErrorCode.UNKNOWN_SERVER_ERROR }, { partitionIndex: 1, errorCode: ErrorCode.UNKNOWN_SERVER_ERROR }] },
        { name: 'missing', partitions: [{ partitionIndex: 9, errorCode: ErrorCode.UNKNOWN_SERVER_ERROR }] },
      ],
    });
    expectLoggedOnceWithStack('TypeError: injected offset commit failure');
    await expectConnectionServes();
  });

  it('CreateTopics: every topic carries the thrown KafkaError and its own message', async () => {
    const r = await client.request(ApiKey.CreateTopics, 7, {
      topics: [
        { name: EXPLODE, numPartitions: 1, replicationFactor: 1 },
        { name: 'would-be-fine', numPartitions: 1, replicationFactor: 1 },
      ],
      timeoutMs: 1000,
    });
    expect(r.topics.map((t) => [t.name, t.errorCode, t.errorMessage, t.numPartitions, t.replicationFactor, t.configs])).toEqual([
      [EXPLODE, ErrorCode.POLICY_VIOLATION, 'no topics today', -1, -1, []],
      ['would-be-fine', ErrorCode.POLICY_VIOLATION, 'no topics today', -1, -1, []],
    ]);
    expect(broker.topics.get('would-be-fine')).toBeUndefined();
    await expectConnectionServes();
  });

  it('JoinGroup (async failure): the top-level code, no generation, no member id, v7+ a null protocol', async () => {
    const join = (version: number) =>
      client.request(ApiKey.JoinGroup, version, {
        groupId: EXPLODE,
        sessionTimeoutMs: 10000,
        rebalanceTimeoutMs: 10000,
        memberId: '',
        protocolType: 'consumer',
        protocols: [{ name: 'range', metadata: Buffer.alloc(0) }],
      });
    const v7 = await join(7);
    expect([v7.errorCode, v7.generationId, v7.protocolName, v7.leader, v7.memberId, v7.members]).toEqual([ErrorCode.UNKNOWN_SERVER_ERROR, -1, null, '', '', []]);
    const v5 = await join(5);
    expect([v5.errorCode, v5.generationId, v5.protocolName]).toEqual([ErrorCode.UNKNOWN_SERVER_ERROR, -1, '']);
    await expectConnectionServes();
  });

  it('DescribeConfigs: every resource carries the error with Kafka\'s default text', async () => {
    const r = await client.request(ApiKey.DescribeConfigs, 4, {
      resources: [
        { resourceType: 2, resourceName: EXPLODE, configurationKeys: null },
        { resourceType: 4, resourceName: '1', configurationKeys: null },
      ],
      includeSynonyms: false,
      includeDocumentation: false,
    });
    expect(r).toEqual({
      throttleTimeMs: 0,
      results: [
        { errorCode: ErrorCode.UNKNOWN_SERVER_ERROR, errorMessage: UNKNOWN_SERVER_ERROR_TEXT, resourceType: 2, resourceName: EXPLODE, configs: [] },
        { errorCode: ErrorCode.UNKNOWN_SERVER_ERROR, errorMessage: UNKNOWN_SERVER_ERROR_TEXT, resourceType: 4, resourceName: '1', configs: [] },
      ],
    });
    expectLoggedOnceWithStack('injected describe failure');
    await expectConnectionServes();
  });

  it('a response the encoder refuses is answered with UNKNOWN_SERVER_ERROR, whatever the encoder threw', async () => {
    const r = await client.request(ApiKey.Metadata, 12, { topics: [{ name: UNENCODABLE, topicId: 'AAAAAAAAAAAAAAAAAAAAAA' }] });
    expect(r.topics.map((t) => [t.name, t.errorCode])).toEqual([[UNENCODABLE, ErrorCode.UNKNOWN_SERVER_ERROR]]);
    expectLoggedOnceWithStack('encoding the response to Metadata v12');
    await expectConnectionServes();
  });

  it('keeps the order of pipelined responses around a failed request', async () => {
    const topics = (name: string) => [{ name, topicId: 'AAAAAAAAAAAAAAAAAAAAAA' }];
    const [a, b, c] = await Promise.all([
      client.request(ApiKey.Metadata, 12, { topics: topics('events') }),
      client.request(ApiKey.Metadata, 12, { topics: topics(EXPLODE) }),
      client.request(ApiKey.Metadata, 12, { topics: topics('events') }),
    ]);
    expect([a, b, c].map((r) => r.topics[0]!.errorCode)).toEqual([ErrorCode.NONE, ErrorCode.UNKNOWN_SERVER_ERROR, ErrorCode.NONE]);
  });
});
