// The versions kt serves are pinned by its handlers, not taken from whatever the schemas offer:
// every version of every broker API in the schemas is either inside its handler's declared range
// or listed, with a reason, as deliberately unserved. A schema refresh that adds a version fails
// here until someone decides.
import { describe, expect, it } from 'vitest';
import { API_SCHEMAS, ApiKey } from '../../../src/protocol/api.js';
import { ALL_HANDLERS } from '../../../src/broker/apis/index.js';
import { HandlerRegistry } from '../../../src/broker/apis/registry.js';
import { UNSERVED_VERSIONS } from '../../../src/broker/apis/unserved-versions.js';
import type { ApiHandler } from '../../../src/broker/apis/handler.js';

const registry = new HandlerRegistry(ALL_HANDLERS);
const brokerApis = API_SCHEMAS.filter((s) => s.listeners.includes('broker'));

describe('pinned API versions', () => {
  it.each(brokerApis.map((s) => [s.name, s] as const))('%s: every schema version is served or deliberately unserved', (_name, schema) => {
    const served = registry.get(schema.apiKey);
    const unserved = UNSERVED_VERSIONS.filter((u) => u.apiKey === schema.apiKey);
    for (let v = schema.minVersion; v <= schema.maxVersion; v++) {
      const isServed = served !== undefined && served.minVersion <= v && v <= served.maxVersion;
      const reasons = unserved.filter((u) => u.minVersion <= v && v <= u.maxVersion);
      // Exactly one decision per version: served, or one unserved entry (never both, never none).
      const decisions = (isServed ? 1 : 0) + reasons.length;
      expect(decisions, `${schema.name} v${v}: served=${isServed}, unserved entries=${reasons.length}`).toBe(1);
    }
  });

  it('lists no unserved version the schemas do not define, and gives each a reason', () => {
    for (const u of UNSERVED_VERSIONS) {
      const schema = brokerApis.find((s) => s.apiKey === u.apiKey);
      expect(schema, `API key ${u.apiKey}`).toBeDefined();
      expect(u.minVersion).toBeGreaterThanOrEqual(schema!.minVersion);
      expect(u.maxVersion).toBeLessThanOrEqual(schema!.maxVersion);
      expect(u.minVersion).toBeLessThanOrEqual(u.maxVersion);
      expect(u.reason).not.toBe('');
    }
  });

  it('advertises exactly the declared ranges (ApiVersions is derived from them)', () => {
    expect(registry.all().map((a) => [a.apiKey, a.minVersion, a.maxVersion])).toEqual(ALL_HANDLERS.map((h) => [h.apiKey, h.minVersion, h.maxVersion]).sort((a, b) => a[0]! - b[0]!));
    expect(registry.get(ApiKey.Produce)).toMatchObject({ minVersion: 0, maxVersion: 11 });
    expect(registry.get(ApiKey.Fetch)).toMatchObject({ minVersion: 0, maxVersion: 17 });
  });
});

describe('the registry refuses a handler outside its schema', () => {
  const produce = ALL_HANDLERS.find((h) => h.apiKey === ApiKey.Produce)! as ApiHandler;
  const fake = (apiKey: ApiKey, minVersion: number, maxVersion: number): ApiHandler => ({ ...produce, apiKey, minVersion, maxVersion }) as ApiHandler;

  it('above the highest stable version', () => {
    expect(() => new HandlerRegistry([fake(ApiKey.Produce, 3, 12)])).toThrow('The Produce handler declares versions 3-12, outside the schema\'s stable versions 0-11');
  });

  it('at a version the schema marks unstable', () => {
    expect(() => new HandlerRegistry([fake(ApiKey.EndTxn, 0, 5)])).toThrow('The EndTxn handler declares versions 0-5, outside the schema\'s stable versions 0-4');
  });

  it('with an empty or non-integer range', () => {
    expect(() => new HandlerRegistry([fake(ApiKey.Produce, 5, 4)])).toThrow(/declares versions 5-4/);
    expect(() => new HandlerRegistry([fake(ApiKey.Produce, undefined as unknown as number, 11)])).toThrow(/declares versions undefined-11/);
  });

  it('that is not a broker API, or twice', () => {
    expect(() => new HandlerRegistry([fake(ApiKey.Vote, 0, 0)])).toThrow('Vote is not a broker API');
    expect(() => new HandlerRegistry([produce, produce])).toThrow('Two handlers for Produce');
  });
});
