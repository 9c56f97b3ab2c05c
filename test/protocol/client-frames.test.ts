import { describe, expect, it } from 'vitest';
import { ApiKey, decodeRequest, encodeRequest, readRequestHeader, type MetadataRequest, type ProduceRequest } from '../../src/protocol/api.js';
import frames from './fixtures/client-frames.json' with { type: 'json' };

// Request frames captured from kcat (librdkafka) and kafkajs by helpers/capture-client-frames.ts.
function fixture(client: string, apiKey: number, correlationId: number): Buffer {
  const f = frames.find((x) => x.client.startsWith(client) && x.apiKey === apiKey && Buffer.from(x.frame, 'hex').readInt32BE(4) === correlationId);
  if (f === undefined) throw new Error(`no fixture ${client} ${apiKey} ${correlationId}`);
  return Buffer.from(f.frame, 'hex');
}

function decode(frame: Buffer) {
  const { header, bodyOffset } = readRequestHeader(frame);
  return { header, body: decodeRequest(header.apiKey as ApiKey, header.apiVersion, frame, bodyOffset) };
}

describe('frames captured from real clients', () => {
  it.each(frames.map((f) => [f.client, f.apiKey, f.apiVersion, f.frame] as const))(
    '%s api %i v%i re-encodes to identical bytes',
    (_client, apiKey, apiVersion, hex) => {
      const frame = Buffer.from(hex, 'hex');
      const { header, body } = decode(frame);
      expect(header.apiKey).toBe(apiKey);
      expect(header.apiVersion).toBe(apiVersion);
      const again = Buffer.concat(encodeRequest(apiKey as ApiKey, apiVersion, header.correlationId, header.clientId, body as never));
      expect(again.readInt32BE(0)).toBe(frame.length);
      expect(again.subarray(4).toString('hex')).toBe(hex);
    },
  );

  it('kcat ApiVersions v3: header v2 with an int16-length client id, compact body strings', () => {
    expect(decode(fixture('kcat -L', ApiKey.ApiVersions, 1))).toEqual({
      header: { apiKey: 18, apiVersion: 3, correlationId: 1, clientId: 'rdkafka' },
      body: { clientSoftwareName: 'librdkafka', clientSoftwareVersion: '2.0.2' },
    });
  });

  it('kcat Metadata v4: first an empty topic list (brokers only), then null (all topics)', () => {
    const empty = decode(fixture('kcat -L', ApiKey.Metadata, 2));
    expect(empty.header).toEqual({ apiKey: 3, apiVersion: 4, correlationId: 2, clientId: 'rdkafka' });
    expect(empty.body).toEqual({ topics: [], allowAutoTopicCreation: false, includeClusterAuthorizedOperations: false, includeTopicAuthorizedOperations: false });
    const all = decode(fixture('kcat -L', ApiKey.Metadata, 3));
    expect(all.body).toEqual({ topics: null, allowAutoTopicCreation: true, includeClusterAuthorizedOperations: false, includeTopicAuthorizedOperations: false });
  });

  it('kafkajs ApiVersions v2 and Metadata v6', () => {
    expect(decode(fixture('kafkajs 2.2 admin', ApiKey.ApiVersions, 0))).toEqual({
      header: { apiKey: 18, apiVersion: 2, correlationId: 0, clientId: 'kt-capture' },
      body: { clientSoftwareName: '', clientSoftwareVersion: '' }, // absent before v3: defaults
    });
    expect(decode(fixture('kafkajs 2.2 admin', ApiKey.Metadata, 1)).body).toEqual({
      topics: null,
      allowAutoTopicCreation: false,
      includeClusterAuthorizedOperations: false,
      includeTopicAuthorizedOperations: false,
    });
    expect((decode(fixture('kafkajs 2.2 producer', ApiKey.Metadata, 1)).body as MetadataRequest).topics).toEqual([{ topicId: 'AAAAAAAAAAAAAAAAAAAAAA', name: 'golden' }]);
  });

  it.each([
    ['kcat -P', 3, 'hello kcat'],
    ['kafkajs 2.2 producer', 2, 'hello kafkajs'],
  ] as const)('%s Produce v7: records are a zero-copy view of the frame', (client, correlationId, value) => {
    const frame = fixture(client, ApiKey.Produce, correlationId);
    const { header, body } = decode(frame);
    expect(header.apiVersion).toBe(7);
    const produce = body as ProduceRequest;
    expect(produce.transactionalId).toBeNull();
    expect(produce.acks).toBe(-1);
    expect(produce.timeoutMs).toBe(30000);
    expect(produce.topicData).toHaveLength(1);
    expect(produce.topicData[0].name).toBe('golden');
    expect(produce.topicData[0].partitionData).toHaveLength(1);
    const { index, records } = produce.topicData[0].partitionData[0];
    expect(index).toBe(0);
    // The batch ends the frame; the decoder hands back a view of those bytes, not a copy.
    expect(records!.buffer).toBe(frame.buffer);
    expect(records!.byteOffset + records!.length).toBe(frame.byteOffset + frame.length);
    expect(records!.readInt32BE(8)).toBe(records!.length - 12); // batchLength
    expect(records!.readInt8(16)).toBe(2); // magic v2
    expect(records!.readInt32BE(57)).toBe(1); // one record
    expect(records!.includes(Buffer.from(value))).toBe(true);
  });
});
