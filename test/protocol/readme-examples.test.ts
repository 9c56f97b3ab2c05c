import { describe, expect, it } from 'vitest';
import { ApiKey, decodeRequest, decodeResponse, encodeRequest, encodeResponse, readRequestHeader } from '../../src/protocol/api.js';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const join = (chunks: Buffer[]) => Buffer.concat(chunks);

// The two worked examples in ../shared/kafka-protocol/README.md, byte for byte.
describe('README worked examples', () => {
  const apiVersionsRequest = hex(`
    00 00 00 1e
    00 12 00 03 00 00 00 01 00 03 63 6c 69 00
    09 74 73 2d 6b 61 66 6b 61 06 30 2e 31 2e 30 00`);
  const apiVersionsResponse = hex(`
    00 00 00 24
    00 00 00 01
    00 00
    03
    00 00 00 00 00 0b 00
    00 12 00 00 00 04 00
    00 00 00 00
    01 01 08 00 00 00 00 00 00 00 05`);

  it('encodes ApiVersionsRequest v3 (flexible, header v2 with a non-compact client id)', () => {
    const frame = encodeRequest(ApiKey.ApiVersions, 3, 1, 'cli', { clientSoftwareName: 'ts-kafka', clientSoftwareVersion: '0.1.0' });
    expect(join(frame).toString('hex')).toBe(apiVersionsRequest.toString('hex'));
  });

  it('decodes ApiVersionsRequest v3', () => {
    const frame = apiVersionsRequest.subarray(4);
    const { header, bodyOffset } = readRequestHeader(frame);
    expect(header).toEqual({ apiKey: 18, apiVersion: 3, correlationId: 1, clientId: 'cli' });
    expect(bodyOffset).toBe(14);
    expect(decodeRequest(ApiKey.ApiVersions, 3, frame, bodyOffset)).toEqual({ clientSoftwareName: 'ts-kafka', clientSoftwareVersion: '0.1.0' });
  });

  it('encodes ApiVersionsResponse v3 with header v0 and the tagged FinalizedFeaturesEpoch', () => {
    const frame = encodeResponse(ApiKey.ApiVersions, 3, 1, {
      errorCode: 0,
      apiKeys: [
        { apiKey: 0, minVersion: 0, maxVersion: 11 },
        { apiKey: 18, minVersion: 0, maxVersion: 4 },
      ],
      throttleTimeMs: 0,
      finalizedFeaturesEpoch: 5n,
    });
    expect(join(frame).toString('hex')).toBe(apiVersionsResponse.toString('hex'));
  });

  it('decodes ApiVersionsResponse v3, filling absent tagged fields with defaults', () => {
    const { correlationId, body } = decodeResponse(ApiKey.ApiVersions, 3, apiVersionsResponse.subarray(4));
    expect(correlationId).toBe(1);
    expect(body).toEqual({
      errorCode: 0,
      apiKeys: [
        { apiKey: 0, minVersion: 0, maxVersion: 11 },
        { apiKey: 18, minVersion: 0, maxVersion: 4 },
      ],
      throttleTimeMs: 0,
      supportedFeatures: [],
      finalizedFeaturesEpoch: 5n,
      finalizedFeatures: [],
      zkMigrationReady: false,
    });
  });

  it('encodes MetadataRequest v1 (non-flexible, header v1)', () => {
    const frame = encodeRequest(ApiKey.Metadata, 1, 7, 'cli', { topics: [{ name: 'foo' }] });
    expect(join(frame).toString('hex')).toBe('0000001600030001000000070003636c69000000010003666f6f');
  });

  it('encodes MetadataRequest v1 with null Topics as ff ff ff ff', () => {
    const frame = join(encodeRequest(ApiKey.Metadata, 1, 7, 'cli', { topics: null }));
    expect(frame.toString('hex')).toBe('0000001100030001000000070003636c69ffffffff');
    const decoded = decodeRequest(ApiKey.Metadata, 1, frame.subarray(4), readRequestHeader(frame.subarray(4)).bodyOffset);
    expect(decoded).toEqual({ topics: null, allowAutoTopicCreation: true, includeClusterAuthorizedOperations: false, includeTopicAuthorizedOperations: false });
  });
});
