// The fuzzer's seed corpus: request frames captured from real clients
// (bench/robustness/fixtures/client-frames.json, written by capture/capture.ts), and what the
// fuzzer needs to know about a frame before sending it (how long the broker may legitimately
// take to answer it, whether it asks for something expensive on purpose).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from '../../lib/broker.js';
import { ApiKey, apiInfo, decodeRequest, encodeRequest, readRequestHeader } from '../../../src/protocol/api.js';

export interface FixtureFrame {
  client: string;
  api: string;
  apiKey: number;
  apiVersion: number;
  /** The frame after its 4-byte size prefix, base64. */
  frame: string;
}

export interface FixtureFile {
  generatedBy: string;
  frames: FixtureFrame[];
}

/** At most this many distinct frames per (API, version), frames up to this size, this much in all. */
const PER_VERSION = 3;
const MAX_FRAME_BYTES = 4096;
const MAX_TOTAL_BYTES = 256 * 1024;

/** Dedupes captured frames per (API, version, body bytes) and caps them (see the fixtures README). */
export function selectFixtures(captured: ReadonlyArray<{ client: string; frame: Buffer }>, generatedBy: string): FixtureFile {
  const byVersion = new Map<string, Array<{ client: string; frame: Buffer; body: string }>>();
  for (const { client, frame } of captured) {
    if (frame.length > MAX_FRAME_BYTES) continue;
    let header;
    try {
      header = readRequestHeader(frame);
    } catch {
      continue;
    }
    // acks=0 Produce frames are kept apart: the broker answers nothing to them.
    const key = `${header.header.apiKey}/${header.header.apiVersion}${answered(frame) ? '' : '/unanswered'}`;
    const body = frame.subarray(header.bodyOffset).toString('base64');
    let kept = byVersion.get(key);
    if (!kept) byVersion.set(key, (kept = []));
    if (kept.length >= PER_VERSION || kept.some((k) => k.body === body)) continue;
    // Prefer a frame from a client not yet represented for this version.
    if (kept.length === PER_VERSION - 1 && kept.every((k) => k.client === client) && captured.some((c) => c.client !== client)) continue;
    kept.push({ client, frame, body });
  }
  const frames: FixtureFrame[] = [];
  let total = 0;
  const keys = [...byVersion.keys()].sort((a, b) => {
    const [ka, va] = a.split('/').map(Number);
    const [kb, vb] = b.split('/').map(Number);
    return ka! - kb! || va! - vb! || a.localeCompare(b);
  });
  // Round-robin over versions so that the byte cap, if reached, drops extra frames, not versions.
  for (let round = 0; round < PER_VERSION; round++) {
    for (const key of keys) {
      const entry = byVersion.get(key)![round];
      if (!entry || total + entry.frame.length > MAX_TOTAL_BYTES) continue;
      total += entry.frame.length;
      const apiKey = entry.frame.readInt16BE(0);
      frames.push({ client: entry.client, api: apiInfo(apiKey)?.name ?? String(apiKey), apiKey, apiVersion: entry.frame.readInt16BE(2), frame: entry.frame.toString('base64') });
    }
  }
  frames.sort((a, b) => a.apiKey - b.apiKey || a.apiVersion - b.apiVersion);
  return { generatedBy, frames };
}

export const FIXTURES_FILE = join(REPO, 'bench', 'robustness', 'fixtures', 'client-frames.json');

export interface Seed {
  client: string;
  api: string;
  apiKey: number;
  apiVersion: number;
  /** The frame after the size prefix (normalized, see normalize()). */
  frame: Buffer;
  /** Whether the broker answers it (false: Produce with acks=0). */
  answered: boolean;
}

/** Upper bounds the seeds are normalized to, so that a valid frame never waits long by design. */
export const SEED_FETCH_MAX_WAIT_MS = 100;
export const SEED_JOIN_REBALANCE_TIMEOUT_MS = 1000;
export const SEED_JOIN_SESSION_TIMEOUT_MS = 6000;

/** Loads the committed fixtures as seeds (`fixturesFile` defaults to the committed corpus). */
export function loadSeeds(fixturesFile = FIXTURES_FILE): Seed[] {
  const file = JSON.parse(readFileSync(fixturesFile, 'utf8')) as FixtureFile;
  return file.frames.map((f) => {
    const frame = normalize(Buffer.from(f.frame, 'base64'));
    return { client: f.client, api: f.api, apiKey: f.apiKey, apiVersion: f.apiVersion, frame, answered: answered(frame) };
  });
}

function decodeFrame(frame: Buffer): { apiKey: number; apiVersion: number; correlationId: number; clientId: string | null; body: Record<string, unknown> } {
  const { header, bodyOffset } = readRequestHeader(frame);
  const body = decodeRequest(header.apiKey as ApiKey, header.apiVersion, frame, bodyOffset) as unknown as Record<string, unknown>;
  return { ...header, body };
}

/**
 * A captured Fetch waits up to its maxWaitMs and a JoinGroup up to its rebalance timeout; the
 * seeds get short ones (re-encoded with the project's codec, which reproduces captured frames
 * byte for byte), so a session of valid frames completes quickly.
 */
function normalize(frame: Buffer): Buffer {
  const d = decodeFrame(frame);
  const b = d.body;
  if (d.apiKey === ApiKey.Fetch && (b.maxWaitMs as number) > SEED_FETCH_MAX_WAIT_MS) b.maxWaitMs = SEED_FETCH_MAX_WAIT_MS;
  else if (d.apiKey === ApiKey.JoinGroup) {
    b.sessionTimeoutMs = SEED_JOIN_SESSION_TIMEOUT_MS;
    b.rebalanceTimeoutMs = SEED_JOIN_REBALANCE_TIMEOUT_MS;
  } else return frame;
  return Buffer.concat(encodeRequest(d.apiKey as ApiKey, d.apiVersion, d.correlationId, d.clientId, b as never)).subarray(4);
}

function answered(frame: Buffer): boolean {
  const d = decodeFrame(frame);
  return !(d.apiKey === ApiKey.Produce && d.body.acks === 0);
}

/** What a (possibly mutated) frame asks of the broker, as far as kt's own decoder reads it. */
export interface FrameDemand {
  /** How long the broker may legitimately hold the answer, ms. */
  waitMs: number;
  /** Why the fuzzer should not send it (asks for a long wait or heavy work by design), or null. */
  refuse: string | null;
  /** False when the broker answers nothing (Produce acks=0); null when the frame does not decode. */
  answered: boolean | null;
}

/** Fetch waits this long at most, JoinGroup/SyncGroup rebalances this long, in a sent frame. */
export const MAX_FETCH_WAIT_MS = 5000;
export const MAX_GROUP_TIMEOUT_MS = 10_000;
/** CreateTopics / CreatePartitions asking for more partitions than this in one request are not sent. */
export const MAX_NEW_PARTITIONS = 64;

export function frameDemand(frame: Buffer): FrameDemand {
  let d;
  try {
    d = decodeFrame(frame);
  } catch {
    return { waitMs: 0, refuse: null, answered: null };
  }
  const b = d.body as Record<string, any>;
  switch (d.apiKey) {
    case ApiKey.Produce:
      return { waitMs: 0, refuse: null, answered: b.acks !== 0 };
    case ApiKey.Fetch: {
      const wait = Math.max(0, b.maxWaitMs as number);
      return { waitMs: wait, refuse: wait > MAX_FETCH_WAIT_MS ? `Fetch maxWaitMs ${wait}` : null, answered: true };
    }
    case ApiKey.JoinGroup: {
      const t = Math.max(b.sessionTimeoutMs as number, b.rebalanceTimeoutMs as number);
      return { waitMs: MAX_GROUP_TIMEOUT_MS, refuse: t > MAX_GROUP_TIMEOUT_MS ? `JoinGroup timeout ${t}` : null, answered: true };
    }
    case ApiKey.SyncGroup:
      return { waitMs: MAX_GROUP_TIMEOUT_MS, refuse: null, answered: true };
    case ApiKey.CreateTopics: {
      let n = 0;
      for (const t of b.topics as Array<{ numPartitions: number; assignments: unknown[] }>) n += Math.max(t.numPartitions, t.assignments.length, 1);
      return { waitMs: 0, refuse: n > MAX_NEW_PARTITIONS ? `CreateTopics of ${n} partitions` : null, answered: true };
    }
    case ApiKey.CreatePartitions: {
      let n = 0;
      for (const t of b.topics as Array<{ count: number }>) n += Math.max(0, t.count);
      return { waitMs: 0, refuse: n > MAX_NEW_PARTITIONS ? `CreatePartitions to ${n} partitions` : null, answered: true };
    }
    default:
      return { waitMs: 0, refuse: null, answered: true };
  }
}

/** Topic names the seeds produce to or fetch from (the fuzz broker creates them first). */
export function seedTopics(seeds: readonly Seed[]): string[] {
  const names = new Set<string>();
  for (const s of seeds) {
    const d = decodeFrame(s.frame);
    const b = d.body as Record<string, any>;
    if (d.apiKey === ApiKey.Produce) for (const t of b.topicData) names.add(t.name);
    if (d.apiKey === ApiKey.Fetch) for (const t of b.topics) if (t.topic) names.add(t.topic);
  }
  return [...names].filter((n) => n.length > 0).sort();
}
