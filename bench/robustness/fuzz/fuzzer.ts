// The protocol fuzzer. Workers open connections and run rounds; a round writes, in one to four
// pieces, 0-3 valid seed frames, one mutated frame, 0-2 valid frames, then a probe (ApiVersions
// v0), and waits for the probe's answer or the connection's close. A connection whose probe was
// answered runs another round (up to 8), so valid and invalid frames mix on one connection.
//
// Per round the outcome is checked:
// - within the bound (base + what the frames legitimately wait: Fetch maxWaitMs, rebalances),
//   the probe is answered or the broker closes the connection; otherwise it is a hang;
// - when the probe is answered, every valid frame before it was answered, in order, and every
//   response decodes as its request's API and version;
// - the broker process is alive (a crash stops the run).
// Anomalous rounds are written to `dumpDir` as JSON; `replay.ts` sends one again.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiKey, decodeResponse, encodeRequest, readRequestHeader } from '../../../src/protocol/api.js';
import { Rng } from '../lib/rng.js';
import { FuzzConnection } from './fuzz-connection.js';
import { MUTATIONS, mutate, type MutationName } from './mutate.js';
import { frameDemand, type Seed } from './seeds.js';

export interface FuzzOptions {
  host: string;
  port: number;
  seeds: readonly Seed[];
  /** RNG seed: a run is reproducible from it (given the same broker behaviour). */
  seed: number;
  /** Mutated frames to send. */
  frames: number;
  /** Mutations to apply (default: all of MUTATIONS). */
  mutations?: readonly MutationName[];
  /** Connections fuzzing at once. */
  concurrency: number;
  /** An answer or close must come within this, plus what the round's frames may wait by design. */
  boundMs: number;
  /** Where anomalous rounds are written. */
  dumpDir: string;
  /** Resolves if the broker process exits during the run. */
  brokerExit: Promise<string>;
  onProgress?: (c: FuzzCounts) => void;
}

export interface MutationCounts {
  sent: number;
  /** A response with the frame's correlation id came. */
  answered: number;
  /** Processed without a response of its own (acks=0, or its correlation id was mutated): the probe after it was answered. */
  silent: number;
  closed: number;
}

export interface FuzzCounts {
  connections: number;
  rounds: number;
  mutatedFrames: number;
  validFrames: number;
  probes: number;
  /** Response frames received, all kinds. */
  responses: number;
  /** Rounds that ended with the broker closing the connection. */
  closes: number;
  /** Mutated frames not sent because they ask for a long wait or heavy work by design (see seeds.ts). */
  refused: number;
  hangs: number;
  crashes: number;
  /** Probe answered but a valid frame before it unanswered or answered out of order. */
  lostOrReordered: number;
  /** Responses that do not decode as their request's API and version, or broken response frames. */
  badResponses: number;
  perMutation: Record<MutationName, MutationCounts>;
  /** First anomalies, described (the dumps hold the bytes). */
  anomalies: string[];
}

interface Piece {
  role: 'valid' | 'mutated' | 'probe';
  correlationId: number;
  wire: Buffer;
  /** Whether a response with this correlation id must come (valid frames, the probe). */
  mustAnswer: boolean;
  mutation?: MutationName;
}

export interface RoundDump {
  seed: number;
  worker: number;
  connection: number;
  round: number;
  outcome: string;
  problem: string;
  lyingSize: boolean;
  cuts: number[];
  pieces: Array<{ role: string; mutation?: string; correlationId: number; hex: string }>;
}

const PROBE_CLIENT_ID = 'kt-fuzz-probe';
/** Consecutive failed connects after which the broker counts as hung. */
const MAX_CONNECT_FAILURES = 50;

function newCounts(): FuzzCounts {
  const perMutation = Object.fromEntries(MUTATIONS.map((m) => [m, { sent: 0, answered: 0, silent: 0, closed: 0 }])) as Record<MutationName, MutationCounts>;
  return { connections: 0, rounds: 0, mutatedFrames: 0, validFrames: 0, probes: 0, responses: 0, closes: 0, refused: 0, hangs: 0, crashes: 0, lostOrReordered: 0, badResponses: 0, perMutation, anomalies: [] };
}

function probeWire(correlationId: number): Buffer {
  return Buffer.concat(encodeRequest(ApiKey.ApiVersions, 0, correlationId, PROBE_CLIENT_ID, {}));
}

function withCorrelationId(frame: Buffer, correlationId: number): Buffer {
  const out = Buffer.from(frame);
  if (out.length >= 8) out.writeInt32BE(correlationId, 4);
  return out;
}

function sized(frame: Buffer): Buffer {
  const size = Buffer.allocUnsafe(4);
  size.writeInt32BE(frame.length);
  return Buffer.concat([size, frame]);
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

export async function fuzz(opts: FuzzOptions): Promise<FuzzCounts> {
  const counts = newCounts();
  const root = new Rng(opts.seed);
  let stop = false;
  let dumps = 0;
  mkdirSync(opts.dumpDir, { recursive: true });
  const inFlight = new Map<number, RoundDump>();
  const mutations = opts.mutations ?? MUTATIONS;
  // records-crc needs a record batch: it mutates Produce seeds only.
  const produceSeeds = opts.seeds.filter((s) => s.apiKey === ApiKey.Produce);

  const dump = (d: RoundDump): void => {
    if (counts.anomalies.length < 20) counts.anomalies.push(`${d.problem} (dump ${dumps})`);
    if (dumps < 200) writeFileSync(join(opts.dumpDir, `round-${dumps}.json`), JSON.stringify(d, null, 1));
    dumps++;
  };

  void opts.brokerExit.then((how) => {
    if (stop) return;
    counts.crashes++;
    stop = true;
    for (const d of inFlight.values()) dump({ ...d, outcome: 'in flight at crash', problem: `broker exited (${how})` });
  });

  let connectFailures = 0;
  const worker = async (w: number): Promise<void> => {
    for (let c = 0; !stop && counts.mutatedFrames < opts.frames; c++) {
      const rng = root.fork(w * 1_000_003 + c);
      let conn: FuzzConnection;
      try {
        conn = await FuzzConnection.open(opts.host, opts.port);
        connectFailures = 0;
      } catch (err) {
        if (stop) return;
        if (counts.anomalies.length < 20) counts.anomalies.push(`connect failed: ${(err as Error).message}`);
        // A broker that stops accepting connections without exiting ends the run too.
        if (++connectFailures >= MAX_CONNECT_FAILURES) {
          counts.hangs++;
          stop = true;
        }
        await new Promise((r) => setTimeout(r, 100));
        continue;
      }
      counts.connections++;
      try {
        const rounds = rng.int(1, 8);
        let correlationId = rng.int(1, 1_000_000); // valid frames and probes: consecutive ids
        for (let r = 0; r < rounds && !stop && counts.mutatedFrames < opts.frames; r++) {
          const pieces: Piece[] = [];
          const valid = (): void => {
            const s = rng.pick(opts.seeds);
            const id = correlationId++;
            pieces.push({ role: 'valid', correlationId: id, wire: sized(withCorrelationId(s.frame, id)), mustAnswer: s.answered });
          };
          for (let i = rng.int(0, 3); i > 0; i--) valid();
          const mutation = rng.pick(mutations);
          // Far from the valid frames' ids, so that a mutated id never lands on one of theirs.
          const badId = rng.int(0x40000000, 0x7fffffff);
          const target = rng.pick(mutation === 'records-crc' && produceSeeds.length > 0 ? produceSeeds : opts.seeds);
          const m = mutate(rng, mutation, withCorrelationId(target.frame, badId), rng.pick(opts.seeds).frame);
          const demand = frameDemand(m.wire.subarray(4));
          if (demand.refuse !== null) {
            counts.refused++;
            continue;
          }
          pieces.push({ role: 'mutated', correlationId: badId, wire: m.wire, mustAnswer: false, mutation: m.name });
          if (!m.lyingSize) for (let i = rng.int(0, 2); i > 0; i--) valid();
          const probeId = correlationId++;
          pieces.push({ role: 'probe', correlationId: probeId, wire: probeWire(probeId), mustAnswer: true });

          const bytes = Buffer.concat(pieces.map((p) => p.wire));
          const cuts = Array.from({ length: rng.int(0, 3) }, () => rng.int(1, bytes.length - 1));
          const waitMs = Math.max(0, ...pieces.map((p) => (p.role === 'probe' ? 0 : frameDemand(p.wire.subarray(4)).waitMs)));
          const roundDump: RoundDump = {
            seed: opts.seed,
            worker: w,
            connection: c,
            round: r,
            outcome: '',
            problem: '',
            lyingSize: m.lyingSize,
            cuts,
            pieces: pieces.map((p) => ({ role: p.role, mutation: p.mutation, correlationId: p.correlationId, hex: p.wire.toString('hex') })),
          };
          inFlight.set(w, roundDump);
          const before = conn.responses.length;
          conn.write(bytes, cuts);
          if (m.lyingSize) conn.end();
          counts.rounds++;
          counts.mutatedFrames++;
          counts.validFrames += pieces.filter((p) => p.role === 'valid').length;
          counts.probes++;
          const per = counts.perMutation[m.name];
          per.sent++;

          const outcome = await Promise.race([conn.waitFor(probeId, opts.boundMs + waitMs), opts.brokerExit.then(() => 'crash' as const)]);
          inFlight.delete(w);
          const got = conn.responses.slice(before);
          counts.responses += got.length;
          if (outcome === 'crash') return;
          if (got.some((g) => g.correlationId === badId)) per.answered++;
          else if (outcome === 'response') per.silent++;
          else if (outcome === 'closed') per.closed++;

          const problems: string[] = [];
          if (conn.brokenFrame) problems.push(conn.brokenFrame);
          for (const g of got) {
            const p = pieces.find((x) => x.correlationId === g.correlationId);
            const err = p ? checkResponse(p.wire, g.frame) : null;
            if (err) problems.push(err);
          }
          if (problems.length > 0) counts.badResponses++;
          if (outcome === 'timeout') {
            counts.hangs++;
            problems.push(`no answer and no close within ${opts.boundMs + waitMs} ms`);
          } else if (outcome === 'response') {
            const expected = pieces.filter((p) => p.mustAnswer && p.role !== 'mutated').map((p) => p.correlationId);
            const seen = got.map((g) => g.correlationId).filter((id) => expected.includes(id));
            if (seen.join() !== expected.join()) {
              counts.lostOrReordered++;
              problems.push(`answers ${seen.join(',')} for valid frames ${expected.join(',')}`);
            }
          } else counts.closes++;
          if (problems.length > 0) dump({ ...roundDump, outcome, problem: problems.join('; ') });
          opts.onProgress?.(counts);
          if (outcome !== 'response') break;
        }
      } finally {
        conn.destroy();
      }
    }
  };

  await Promise.all(Array.from({ length: opts.concurrency }, (_, w) => worker(w)));
  stop = true;
  return counts;
}
