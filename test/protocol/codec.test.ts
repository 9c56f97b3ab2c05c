import { describe, expect, it } from 'vitest';
import {
  ApiKey,
  ErrorCode,
  ProtocolError,
  decodeRequest,
  decodeResponse,
  encodeRequest,
  encodeResponse,
  readRequestHeader,
  requestHeaderVersion,
  responseHeaderVersion,
} from '../../src/protocol/api.js';
import type { MessageDescriptor } from '../../src/protocol/codec-types.js';
import { compileMessage, decodeMessage, encodeMessage } from '../../src/protocol/codec.js';
import { Reader, Writer } from '../../src/protocol/primitives.js';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const join = (chunks: Buffer[]) => Buffer.concat(chunks);

describe('header versions', () => {
  it.each([
    [ApiKey.Produce, 8, 1, 0],
    [ApiKey.Produce, 9, 2, 1],
    [ApiKey.Metadata, 9, 2, 1],
    [ApiKey.ControlledShutdown, 0, 0, 0],
    [ApiKey.ControlledShutdown, 1, 1, 0],
    [ApiKey.ApiVersions, 2, 1, 0],
    [ApiKey.ApiVersions, 3, 2, 0], // KIP-511: ApiVersions responses keep header v0
    [ApiKey.ApiVersions, 7, 2, 0], // a future version still parses (flexible ranges are open-ended)
  ])('api %i v%i: request header v%i, response header v%i', (key, version, requestHeader, responseHeader) => {
    expect(requestHeaderVersion(key, version)).toBe(requestHeader);
    expect(responseHeaderVersion(key, version)).toBe(responseHeader);
  });

  it('ControlledShutdown v0 requests have no client id', () => {
    const frame = join(encodeRequest(ApiKey.ControlledShutdown, 0, 9, 'ignored', { brokerId: 1 }));
    expect(frame.toString('hex')).toBe('0000000c' + '0007' + '0000' + '00000009' + '00000001');
  });

  it('reads a null client id (length -1) as null', () => {
    const { header, bodyOffset } = readRequestHeader(hex('0012 0000 00000005 ffff'));
    expect(header).toEqual({ apiKey: 18, apiVersion: 0, correlationId: 5, clientId: null });
    expect(bodyOffset).toBe(10);
  });

  it('skips tagged fields in request header v2', () => {
    const frame = hex('0012 0003 00000001 0001 61 01 05 02 aabb' + '01 02 62 00');
    const { header, bodyOffset } = readRequestHeader(frame);
    expect(header.clientId).toBe('a');
    expect(decodeRequest(ApiKey.ApiVersions, 3, frame, bodyOffset)).toEqual({ clientSoftwareName: '', clientSoftwareVersion: 'b' });
  });

  it('rejects unknown api keys and versions outside the schema', () => {
    expect(() => readRequestHeader(hex('7fff 0000 00000001 0000'))).toThrow(ProtocolError);
    const frame = hex('0012 0063 00000001 0000 00');
    const { bodyOffset } = readRequestHeader(frame);
    try {
      decodeRequest(ApiKey.ApiVersions, 99, frame, bodyOffset);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ProtocolError);
      expect((e as ProtocolError).code).toBe(ErrorCode.UNSUPPORTED_VERSION);
    }
  });
});

describe('tagged fields', () => {
  // FetchResponse v12: one topic "a", one partition, tagged CurrentLeader (tag 1) set.
  const fetchV12 = hex(`
    00000000 0000 00000000
    02 02 61
      02 00000000 0000 000000000000000a 000000000000000a 0000000000000000
         00 ffffffff 04 78797a
         01 01 09 00000003 00000007 00
      00
    00`);
  const fetchBody = {
    responses: [
      {
        topic: 'a',
        partitions: [
          { highWatermark: 10n, lastStableOffset: 10n, logStartOffset: 0n, abortedTransactions: null, records: Buffer.from('xyz'), currentLeader: { leaderId: 3, leaderEpoch: 7 } },
        ],
      },
    ],
  };

  it('writes a tagged struct only when it differs from its default, with its own tagged section', () => {
    const frame = join(encodeResponse(ApiKey.Fetch, 12, 1, fetchBody));
    expect(frame.subarray(8).toString('hex')).toBe('00' + fetchV12.toString('hex')); // response header v1: corr id + 00
    const partition = { ...fetchBody.responses[0].partitions[0], currentLeader: { leaderId: -1, leaderEpoch: -1 } };
    const withDefault = join(encodeResponse(ApiKey.Fetch, 12, 1, { responses: [{ topic: 'a', partitions: [partition] }] }));
    expect(withDefault.length).toBe(frame.length - 11); // tag, size, 9 payload bytes gone; count stays 1 byte
  });

  it('decodes tagged structs and fills unset ones with defaults', () => {
    const { body } = decodeResponse(ApiKey.Fetch, 12, Buffer.concat([hex('00000001 00'), fetchV12]));
    const p = body.responses[0].partitions[0];
    expect(p.currentLeader).toEqual({ leaderId: 3, leaderEpoch: 7 });
    expect(p.divergingEpoch).toEqual({ epoch: -1, endOffset: -1n });
    expect(p.snapshotId).toEqual({ endOffset: -1n, epoch: -1 });
    expect(p.preferredReadReplica).toBe(-1);
    expect(p.records!.toString()).toBe('xyz');
  });

  it('skips unknown tags and accepts tags out of order', () => {
    // ApiVersionsRequest v3 body with tag 9 (unknown, 2 bytes) before... nothing else tagged.
    const body = hex('02 61 02 62 02 09 02 ffff 05 00');
    expect(decodeMessage('ApiVersionsRequest', 3, body)).toEqual({ clientSoftwareName: 'a', clientSoftwareVersion: 'b' });
    // ApiVersionsResponse v3: tag 3 (ZkMigrationReady) before tag 1 (FinalizedFeaturesEpoch).
    const resp = hex('0000 01 00000000 02 03 01 01 01 08 0000000000000009');
    expect(decodeMessage('ApiVersionsResponse', 3, resp)).toMatchObject({ zkMigrationReady: true, finalizedFeaturesEpoch: 9n });
  });

  it('rejects a tagged field whose payload does not match its size', () => {
    const resp = hex('0000 01 00000000 01 01 04 00000009');
    expect(() => decodeMessage('ApiVersionsResponse', 3, resp)).toThrow(ProtocolError);
  });

  it('writes a nullable tagged struct as uvarint 1 + struct, and leaves it out when null (its default)', () => {
    const base = { instanceId: null, rackId: null, clientId: 'c', clientHost: 'h', subscribedTopicNames: ['t'], subscribedTopicRegex: null, rebalanceTimeoutMs: 5, serverAssignor: null };
    const withMeta = encodeMessage('ConsumerGroupMemberMetadataValue', 0, { ...base, classicMemberMetadata: { sessionTimeoutMs: 1, supportedProtocols: [] } });
    const fixed = '00 00 02 63 02 68 02 02 74 00 00000005 00';
    expect(withMeta.toString('hex')).toBe(hex(fixed + '01 00 07 01 00000001 01 00').toString('hex'));
    expect(encodeMessage('ConsumerGroupMemberMetadataValue', 0, { ...base, classicMemberMetadata: null }).toString('hex')).toBe(hex(fixed + '00').toString('hex'));
    expect(decodeMessage('ConsumerGroupMemberMetadataValue', 0, withMeta)).toEqual({ ...base, classicMemberMetadata: { sessionTimeoutMs: 1, supportedProtocols: [] } });
  });

  // No schema today has a nullable tagged field with a non-null default; the rule is covered
  // with a synthetic descriptor: null is written as tag, size 1, payload 00.
  it('writes null for a nullable tagged field whose default is not null', () => {
    const d: MessageDescriptor = {
      validVersions: '0',
      flexibleVersions: '0+',
      fields: [{ n: 'name', t: 'string', v: '0+', nv: '0+', tv: '0+', tag: 0, d: 'x' }],
    };
    const codec = compileMessage(d, 0);
    const write = (v: unknown) => {
      const w = new Writer();
      codec.write(w, { name: v });
      return w.toBuffer().toString('hex');
    };
    expect(write(null)).toBe('01000100');
    expect(write('x')).toBe('00');
    expect(write('y')).toBe('0100020279');
    expect(codec.read(new Reader(hex('01000100')))).toEqual({ name: null });
    expect(codec.read(new Reader(hex('00')))).toEqual({ name: 'x' });
  });
});

describe('nullability and defaults', () => {
  it('writes a nullable struct with an int8 marker: -1 null, 1 present', () => {
    const topics = [{ name: 't' }];
    expect(encodeMessage('DescribeTopicPartitionsRequest', 0, { topics, cursor: null }).toString('hex')).toBe('02027400' + '000007d0' + 'ff' + '00');
    const present = encodeMessage('DescribeTopicPartitionsRequest', 0, { topics, cursor: { topicName: 't', partitionIndex: 2 } });
    expect(present.toString('hex')).toBe('02027400' + '000007d0' + '01' + '0274' + '00000002' + '00' + '00');
    expect(decodeMessage('DescribeTopicPartitionsRequest', 0, present)).toEqual({ topics, responsePartitionLimit: 2000, cursor: { topicName: 't', partitionIndex: 2 } });
    // Any negative marker means null.
    expect(decodeMessage('DescribeTopicPartitionsRequest', 0, hex('02027400 000007d0 80 00')).cursor).toBeNull();
  });

  it('rejects null where the version does not allow it, both ways', () => {
    // MetadataRequest Topics is nullable from v1; in v0 an empty array meant all topics.
    expect(() => encodeRequest(ApiKey.Metadata, 0, 1, 'c', { topics: null })).toThrow(ProtocolError);
    expect(() => decodeMessage('MetadataRequest', 0, hex('ffffffff'))).toThrow(/not nullable in version 0/);
    // A non-nullable string with length -1.
    expect(() => decodeMessage('FindCoordinatorRequest', 0, hex('ffff'))).toThrow(ProtocolError);
  });

  it('fills fields missing from old versions with their schema defaults (int64 -1 as -1n)', () => {
    const frame = join(
      encodeResponse(ApiKey.Metadata, 0, 1, {
        brokers: [{ nodeId: 1, host: 'h', port: 9092 }],
        topics: [{ name: 't', partitions: [{ partitionIndex: 0, leaderId: 1, replicaNodes: [1], isrNodes: [1] }] }],
      }),
    );
    const { body } = decodeResponse(ApiKey.Metadata, 0, frame.subarray(4));
    expect(body.brokers[0].rack).toBeNull();
    expect(body.controllerId).toBe(-1);
    expect(body.clusterId).toBeNull();
    expect(body.topics[0].topicId).toBe('AAAAAAAAAAAAAAAAAAAAAA');
    expect(body.topics[0].topicAuthorizedOperations).toBe(-2147483648);
    expect(body.topics[0].partitions[0].leaderEpoch).toBe(-1);
    const offsets = decodeResponse(ApiKey.ListOffsets, 0, join(encodeResponse(ApiKey.ListOffsets, 0, 1, { topics: [{ name: 't', partitions: [{}] }] })).subarray(4));
    expect(offsets.body.topics[0].partitions[0].timestamp).toBe(-1n);
    expect(offsets.body.topics[0].partitions[0].offset).toBe(-1n);
  });

  it('decoded arrays and structs of defaults are fresh objects', () => {
    const a = decodeMessage('ApiVersionsResponse', 0, hex('0000 00000000'));
    const b = decodeMessage('ApiVersionsResponse', 0, hex('0000 00000000'));
    expect(a.supportedFeatures).toEqual([]);
    expect(a.supportedFeatures).not.toBe(b.supportedFeatures);
  });

  it('accepts numbers for int64 fields when encoding', () => {
    const body = { responses: [{ name: 't', partitionResponses: [{ index: 0, baseOffset: 42 as unknown as bigint }] }] };
    const { body: decoded } = decodeResponse(ApiKey.Produce, 8, join(encodeResponse(ApiKey.Produce, 8, 1, body)).subarray(4));
    expect(decoded.responses[0].partitionResponses[0].baseOffset).toBe(42n);
  });
});

describe('zero copy', () => {
  it('keeps large records as their own chunk when encoding (no copy)', () => {
    const records = Buffer.alloc(4096, 1);
    const chunks = encodeResponse(ApiKey.Fetch, 4, 1, { responses: [{ topic: 't', partitions: [{ records }] }] });
    expect(chunks.some((c) => c === records)).toBe(true);
    expect(chunks.reduce((n, c) => n + c.length, 0) - 4).toBe(join(chunks).readInt32BE(0));
  });

  it('decodes records as a view of the frame', () => {
    const records = Buffer.alloc(100, 2);
    const frame = join(encodeRequest(ApiKey.Produce, 9, 1, 'c', { acks: 1, topicData: [{ name: 't', partitionData: [{ index: 0, records }] }] })).subarray(4);
    const decoded = decodeRequest(ApiKey.Produce, 9, frame, readRequestHeader(frame).bodyOffset);
    const got = decoded.topicData[0].partitionData[0].records!;
    expect(got.equals(records)).toBe(true);
    expect(got.buffer).toBe(frame.buffer);
    frame[got.byteOffset - frame.byteOffset + 99] = 9; // the bytes are shared, not copied
    expect(got[99]).toBe(9);
  });
});
