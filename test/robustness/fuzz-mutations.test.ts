// The fuzzer's parts: the seed corpus maps completely, and each mutation does what it says.
import { describe, expect, it } from 'vitest';
import { ApiKey, encodeRequest, readRequestHeader } from '../../src/protocol/api.js';
import { encodeUvarint, mapFrame } from '../../bench/robustness/fuzz/frame-map.js';
import { MUTATIONS, mutate } from '../../bench/robustness/fuzz/mutate.js';
import { frameDemand, loadSeeds } from '../../bench/robustness/fuzz/seeds.js';
import { Rng } from '../../bench/robustness/lib/rng.js';
import { API_VERSIONS } from '../../src/protocol/api.js';

const seeds = loadSeeds();

describe('seed corpus (bench/robustness/fixtures/client-frames.json)', () => {
  it('holds frames of every API the broker serves', async () => {
    const { ALL_HANDLERS } = await import('../../src/broker/apis/index.js');
    const captured = new Set(seeds.map((s) => s.apiKey));
    const missing = ALL_HANDLERS.map((h) => h.apiKey).filter((k) => !captured.has(k));
    expect(missing.map((k) => API_VERSIONS.find((a) => a.apiKey === k)?.name)).toEqual([]);
  });

  it('maps every seed to its last byte, header and body', () => {
    for (const s of seeds) {
      const map = mapFrame(s.frame);
      expect({ api: s.api, v: s.apiVersion, complete: map.complete, end: map.end }).toEqual({ api: s.api, v: s.apiVersion, complete: true, end: s.frame.length });
      expect(map.bodyOffset).toBe(readRequestHeader(s.frame).bodyOffset);
    }
  });

  it('normalizes seeds so that no valid frame waits long by design', () => {
    for (const s of seeds) expect(frameDemand(s.frame).refuse).toBeNull();
    expect(seeds.filter((s) => !s.answered).map((s) => s.api)).toEqual(['Produce']); // kafkajs acks=0
  });
});

describe('frame map', () => {
  it('finds the length prefixes of a flexible Metadata v12 request', () => {
    const frame = Buffer.concat(encodeRequest(ApiKey.Metadata, 12, 7, 'c', { topics: [{ name: 'ab' }] })).subarray(4);
    const map = mapFrame(frame);
    // header: client id (int16 length at 8), tagged section; body: topics array, topic id (uuid),
    // name, the topic's tagged section, two bools, the body's tagged section
    expect(map.fields.filter((f) => f.kind !== 'int').map((f) => [f.kind, f.pos, f.width, f.raw])).toEqual([
      ['string', 8, 2, 1],
      ['tagged-count', 11, 'uvarint', 0],
      ['array', 12, 'uvarint', 2],
      ['string', 29, 'uvarint', 3],
      ['tagged-count', 32, 'uvarint', 0],
      ['tagged-count', 35, 'uvarint', 0],
    ]);
    expect(map.end).toBe(frame.length);
  });

  it('encodes unsigned varints past 32 bits', () => {
    expect(encodeUvarint(0)).toEqual(Buffer.from([0]));
    expect(encodeUvarint(300)).toEqual(Buffer.from([0xac, 0x02]));
    expect(encodeUvarint(2 ** 35 - 1)).toEqual(Buffer.from([0xff, 0xff, 0xff, 0xff, 0x7f]));
  });
});

describe('mutations', () => {
  const frame = Buffer.concat(encodeRequest(ApiKey.Metadata, 12, 7, 'c', { topics: [{ name: 'ab' }] })).subarray(4);

  it('every mutation gives a sized frame; only frame-size lies about the size', () => {
    const rng = new Rng(1);
    for (let i = 0; i < 500; i++) {
      const name = MUTATIONS[i % MUTATIONS.length]!;
      const m = mutate(rng, name, frame, seeds[i % seeds.length]!.frame);
      expect(m.lyingSize).toBe(name === 'frame-size');
      if (!m.lyingSize) expect(m.wire.readInt32BE(0)).toBe(m.wire.length - 4);
    }
  });

  it('huge-count rewrites one array count and nothing else', () => {
    const m = mutate(new Rng(3), 'huge-count', frame, frame);
    expect(m.name).toBe('huge-count');
    const body = m.wire.subarray(4);
    expect(body.subarray(0, 12)).toEqual(frame.subarray(0, 12)); // header untouched
    const count = mapFrame(body).fields.find((f) => f.kind === 'array')!;
    expect(count.raw).toBeGreaterThanOrEqual(0x01000001);
  });

  it('tagged-fields raises a section count by the entries it inserts', () => {
    const m = mutate(new Rng(5), 'tagged-fields', frame, frame);
    const before = mapFrame(frame).fields.filter((f) => f.kind === 'tagged-count').map((f) => f.raw);
    const after = mapFrame(m.wire.subarray(4)).fields.filter((f) => f.kind === 'tagged-count').map((f) => f.raw);
    expect(after.reduce((a, b) => a + b, 0)).toBeGreaterThan(before.reduce((a, b) => a + b, 0));
  });

  it('a seeded run is reproducible', () => {
    const a = Array.from({ length: 20 }, (_, i) => mutate(new Rng(9).fork(i), 'bitflip', frame, frame).wire.toString('hex'));
    const b = Array.from({ length: 20 }, (_, i) => mutate(new Rng(9).fork(i), 'bitflip', frame, frame).wire.toString('hex'));
    expect(a).toEqual(b);
  });
});
