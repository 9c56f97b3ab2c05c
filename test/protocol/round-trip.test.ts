import { describe, expect, it } from 'vitest';
import {
  API_VERSIONS,
  ProtocolError,
  decodeRequest,
  decodeResponse,
  encodeRequest,
  encodeResponse,
  readRequestHeader,
  requestHeaderVersion,
  type ApiKey,
} from '../../src/protocol/api.js';
import { decodeMessage, encodeMessage } from '../../src/protocol/codec.js';
import { MESSAGE_DESCRIPTORS } from '../../src/protocol/generated/descriptors.js';
import type { StructDescriptor } from '../../src/protocol/codec-types.js';
import { inRange, sampleStruct, type Variant } from './helpers/samples.js';

const VARIANTS: Variant[] = ['full', 'nulls', 'defaults'];
const join = (chunks: Buffer[]) => Buffer.concat(chunks);

// Every API key x every schema version x {requests, responses} x {full, nulls, defaults}.
describe.each(API_VERSIONS.map((a) => [a.name, a] as const))('%s', (name, api) => {
  const versions: number[] = [];
  for (let v = api.minVersion; v <= api.maxVersion; v++) versions.push(v);
  const key = api.apiKey as ApiKey;
  const requestFields = MESSAGE_DESCRIPTORS[`${name}Request`].fields;
  const responseFields = MESSAGE_DESCRIPTORS[`${name}Response`].fields;

  it.each(versions)('request v%i round-trips', (version) => {
    for (const variant of VARIANTS) {
      const sample = sampleStruct(requestFields, version, variant);
      const frame = join(encodeRequest(key, version, 42, 'client-1', sample as never));
      expect(frame.readInt32BE(0)).toBe(frame.length - 4);
      const body = frame.subarray(4);
      const { header, bodyOffset } = readRequestHeader(body);
      const hasClientId = requestHeaderVersion(key, version) >= 1;
      expect(header).toEqual({ apiKey: key, apiVersion: version, correlationId: 42, clientId: hasClientId ? 'client-1' : null });
      expect(decodeRequest(key, version, body, bodyOffset)).toEqual(sample);
      // Re-encoding the decoded value gives the same bytes.
      const again = join(encodeRequest(key, version, 42, 'client-1', decodeRequest(key, version, body, bodyOffset) as never));
      expect(again.equals(frame)).toBe(true);
    }
  });

  it.each(versions)('response v%i round-trips', (version) => {
    for (const variant of VARIANTS) {
      const sample = sampleStruct(responseFields, version, variant);
      const frame = join(encodeResponse(key, version, 7, sample as never));
      expect(frame.readInt32BE(0)).toBe(frame.length - 4);
      const decoded = decodeResponse(key, version, frame.subarray(4));
      expect(decoded.correlationId).toBe(7);
      expect(decoded.body).toEqual(sample);
    }
  });

  it.each(versions)('request and response v%i: fields absent from the version are dropped, and {} encodes defaults', (version) => {
    // A value with every field of every version set: the encoder must keep only this version's.
    const maxRequest = sampleStruct(requestFields, 0x7fff, 'full');
    const exact = sampleStruct(requestFields, version, 'full');
    const overfilled = mergeAbsent(requestFields, version, exact, maxRequest);
    expect(join(encodeRequest(key, version, 1, null, overfilled as never)).equals(join(encodeRequest(key, version, 1, null, exact as never)))).toBe(true);
    const defaults = sampleStruct(responseFields, version, 'defaults');
    expect(join(encodeResponse(key, version, 1, {} as never)).equals(join(encodeResponse(key, version, 1, defaults as never)))).toBe(true);
  });

  it(`truncated ${name} frames throw ProtocolError`, () => {
    for (const version of [api.minVersion, api.maxVersion]) {
      const frame = join(encodeResponse(key, version, 7, sampleStruct(responseFields, version, 'full') as never)).subarray(4);
      for (let cut = 0; cut < frame.length; cut++) {
        expect(() => decodeResponse(key, version, frame.subarray(0, cut))).toThrow(ProtocolError);
      }
    }
  });
});

/** `exact` plus, for every top-level field the version lacks, the non-default value from `extra`. */
function mergeAbsent(fields: StructDescriptor, version: number, exact: Record<string, unknown>, extra: Record<string, unknown>): Record<string, unknown> {
  const out = { ...exact };
  for (const f of fields) if (!inRange(f.v, version)) out[f.n] = extra[f.n];
  return out;
}

// Headers, consumer-protocol and KRaft data structures, and coordinator records.
const dataNames = Object.keys(MESSAGE_DESCRIPTORS).filter((n) => !/(Request|Response)$/.test(n));
describe.each(dataNames)('%s', (name) => {
  const d = MESSAGE_DESCRIPTORS[name];
  const [lo, hi = lo] = d.validVersions.split('-').map(Number);
  const versions = Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
  it.each(versions)('v%i round-trips', (version) => {
    for (const variant of VARIANTS) {
      const sample = sampleStruct(d.fields, version, variant);
      const bytes = encodeMessage(name, version, sample);
      expect(decodeMessage(name, version, bytes)).toEqual(sample);
    }
  });
});
