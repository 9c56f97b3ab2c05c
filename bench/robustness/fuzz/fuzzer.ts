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
import { ApiKey } from '../../../src/protocol/api.js';
import { Rng } from '../lib/rng.js';
import { FuzzConnection } from './fuzz-connection.js';
import { MUTATIONS, type MutationName } from './mutate.js';
import { buildRound, judgeRound, type RoundChoices } from './round.js';
import type { Seed } from './seeds.js';

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

/** Consecutive failed connects after which the broker counts as hung. */
const MAX_CONNECT_FAILURES = 50;

function newCounts(): FuzzCounts {
  const perMutation = Object.fromEntries(MUTATIONS.map((m) => [m, { sent: 0, answered: 0, silent: 0, closed: 0 }])) as Record<MutationName, MutationCounts>;
  return { connections: 0, rounds: 0, mutatedFrames: 0, validFrames: 0, probes: 0, responses: 0, closes: 0, refused: 0, hangs: 0, crashes: 0, lostOrReordered: 0, badResponses: 0, perMutation, anomalies: [] };
}

export async function fuzz(opts: FuzzOptions): Promise<FuzzCounts> {
  const counts = newCounts();
  const root = new Rng(opts.seed);
  let stop = false;
  let dumps = 0;
  mkdirSync(opts.dumpDir, { recursive: true });
  const inFlight = new Map<number, RoundDump>();
  // records-crc needs a record batch: it mutates Produce seeds only.
  const choices: RoundChoices = { seeds: opts.seeds, produceSeeds: opts.seeds.filter((s) => s.apiKey === ApiKey.Produce), mutations: opts.mutations ?? MUTATIONS };

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
          const round = buildRound(rng, choices, () => correlationId++);
          if (typeof round === 'string') {
            counts.refused++;
            continue;
          }
          const roundDump: RoundDump = {
            seed: opts.seed,
            worker: w,
            connection: c,
            round: r,
            outcome: '',
            problem: '',
            lyingSize: round.lyingSize,
            cuts: round.cuts,
            pieces: round.pieces.map((p) => ({ role: p.role, mutation: p.mutation, correlationId: p.correlationId, hex: p.wire.toString('hex') })),
          };
          inFlight.set(w, roundDump);
          const before = conn.responses.length;
          conn.write(Buffer.concat(round.pieces.map((p) => p.wire)), round.cuts);
          if (round.lyingSize) conn.end();
          counts.rounds++;
          counts.mutatedFrames++;
          counts.validFrames += round.pieces.filter((p) => p.role === 'valid').length;
          counts.probes++;
          const per = counts.perMutation[round.mutation];
          per.sent++;

          const boundMs = opts.boundMs + round.waitMs;
          const outcome = await Promise.race([conn.waitFor(round.probeId, boundMs), opts.brokerExit.then(() => 'crash' as const)]);
          inFlight.delete(w);
          if (outcome === 'crash') return;
          const got = conn.responses.slice(before);
          counts.responses += got.length;
          if (got.some((g) => g.correlationId === round.mutatedId)) per.answered++;
          else if (outcome === 'response') per.silent++;
          else if (outcome === 'closed') per.closed++;

          const verdict = judgeRound(round, got, outcome);
          const problems = [...(conn.brokenFrame ? [conn.brokenFrame] : []), ...verdict.badResponses];
          if (problems.length > 0) counts.badResponses++;
          if (verdict.lostOrReordered) {
            counts.lostOrReordered++;
            problems.push(verdict.lostOrReordered);
          }
          if (outcome === 'timeout') {
            counts.hangs++;
            problems.push(`no answer and no close within ${boundMs} ms`);
          } else if (outcome === 'closed') counts.closes++;
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
