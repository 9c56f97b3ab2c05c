// One fuzz round: what is written in one go on a connection (0-3 valid seed frames, one mutated
// frame, 0-2 valid frames, a probe), and the verdict on what came back.
import { ApiKey, decodeResponse, encodeRequest, readRequestHeader } from '../../../src/protocol/api.js';
import type { Rng } from '../lib/rng.js';
import type { Response } from './fuzz-connection.js';
import { mutate, type MutationName } from './mutate.js';
import { frameDemand, type Seed } from './seeds.js';

export interface Piece {
  role: 'valid' | 'mutated' | 'probe';
  correlationId: number;
  wire: Buffer;
  /** Whether a response with this correlation id must come (valid frames, the probe). */
  mustAnswer: boolean;
  mutation?: MutationName;
}

export interface Round {
  pieces: Piece[];
  mutation: MutationName;
  mutatedId: number;
  probeId: number;
  /** The mutated frame's size prefix lies: the round ends with a half-close. */
  lyingSize: boolean;
  /** Where the bytes are cut into separate writes. */
  cuts: number[];
  /** The longest wait any of the frames asks for by design (Fetch maxWaitMs, rebalances). */
  waitMs: number;
}

export interface RoundChoices {
  seeds: readonly Seed[];
  /** Seeds carrying a record batch, for records-crc. */
  produceSeeds: readonly Seed[];
  mutations: readonly MutationName[];
}

const PROBE_CLIENT_ID = 'kt-fuzz-probe';

function sized(frame: Buffer): Buffer {
  const size = Buffer.allocUnsafe(4);
  size.writeInt32BE(frame.length);
  return Buffer.concat([size, frame]);
}

function withCorrelationId(frame: Buffer, correlationId: number): Buffer {
  const out = Buffer.from(frame);
  if (out.length >= 8) out.writeInt32BE(correlationId, 4);
  return out;
}

/**
 * Builds a round; valid frames and the probe take consecutive ids from `nextId`. Returns the
 * reason instead when the mutated frame asks for a long wait or heavy work by design.
 */
export function buildRound(rng: Rng, choices: RoundChoices, nextId: () => number): Round | string {
  const pieces: Piece[] = [];
  const valid = (): void => {
    const s = rng.pick(choices.seeds);
    const id = nextId();
    pieces.push({ role: 'valid', correlationId: id, wire: sized(withCorrelationId(s.frame, id)), mustAnswer: s.answered });
  };
  for (let i = rng.int(0, 3); i > 0; i--) valid();
  const mutation = rng.pick(choices.mutations);
  // Far from the valid frames' ids, so that a mutated id never lands on one of theirs.
  const mutatedId = rng.int(0x40000000, 0x7fffffff);
  const target = rng.pick(mutation === 'records-crc' && choices.produceSeeds.length > 0 ? choices.produceSeeds : choices.seeds);
  const m = mutate(rng, mutation, withCorrelationId(target.frame, mutatedId), rng.pick(choices.seeds).frame);
  const refuse = frameDemand(m.wire.subarray(4)).refuse;
  if (refuse !== null) return refuse;
  pieces.push({ role: 'mutated', correlationId: mutatedId, wire: m.wire, mustAnswer: false, mutation: m.name });
  if (!m.lyingSize) for (let i = rng.int(0, 2); i > 0; i--) valid();
  const probeId = nextId();
  pieces.push({ role: 'probe', correlationId: probeId, wire: Buffer.concat(encodeRequest(ApiKey.ApiVersions, 0, probeId, PROBE_CLIENT_ID, {})), mustAnswer: true });
  const length = pieces.reduce((n, p) => n + p.wire.length, 0);
  return {
    pieces,
    mutation: m.name,
    mutatedId,
    probeId,
    lyingSize: m.lyingSize,
    cuts: Array.from({ length: rng.int(0, 3) }, () => rng.int(1, length - 1)),
    waitMs: Math.max(0, ...pieces.map((p) => (p.role === 'probe' ? 0 : frameDemand(p.wire.subarray(4)).waitMs))),
  };
}

/** Decodes a response as the answer to `requestWire`'s API and version; returns the error text or null. */
export function checkResponse(requestWire: Buffer, response: Buffer): string | null {
  let apiKey: number;
  let apiVersion: number;
  try {
    ({ apiKey, apiVersion } = readRequestHeader(requestWire.subarray(4)).header);
  } catch {
    return null; // the broker read another header than the one we think we sent: nothing to compare
  }
  try {
    decodeResponse(apiKey as ApiKey, apiVersion, response);
    return null;
  } catch (first) {
    // An ApiVersions version the broker does not serve is answered with a v0 body (KIP-511).
    if (apiKey === ApiKey.ApiVersions) {
      try {
        decodeResponse(ApiKey.ApiVersions, 0, response);
        return null;
      } catch {
        // report the first error
      }
    }
    return `response to api ${apiKey} v${apiVersion} does not decode: ${(first as Error).message}`;
  }
}

export interface Verdict {
  /** Responses that do not decode as their request's API and version. */
  badResponses: string[];
  /** The probe was answered but a valid frame before it was not, or out of order. */
  lostOrReordered: string | null;
}

/** Judges the responses of a round that ended with `outcome`. */
export function judgeRound(round: Round, got: readonly Response[], outcome: 'response' | 'closed' | 'timeout'): Verdict {
  const badResponses: string[] = [];
  for (const g of got) {
    const p = round.pieces.find((x) => x.correlationId === g.correlationId);
    const err = p ? checkResponse(p.wire, g.frame) : null;
    if (err) badResponses.push(err);
  }
  let lostOrReordered: string | null = null;
  if (outcome === 'response') {
    const expected = round.pieces.filter((p) => p.mustAnswer && p.role !== 'mutated').map((p) => p.correlationId);
    const seen = got.map((g) => g.correlationId).filter((id) => expected.includes(id));
    if (seen.join() !== expected.join()) lostOrReordered = `answers ${seen.join(',')} for valid frames ${expected.join(',')}`;
  }
  return { badResponses, lostOrReordered };
}
