// Sends one dumped fuzz round (fuzzer.ts writes them for anomalies) to a broker again and prints
// what came back: the reproduction of a fuzz finding.
//
//   kt server start --override listeners=PLAINTEXT://127.0.0.1:9092 &
//   node bench/.build/bench/robustness/fuzz/replay.js bench/robustness/dumps/round-0.json 127.0.0.1:9092
import { readFileSync } from 'node:fs';
import { FuzzConnection } from './fuzz-connection.js';
import type { RoundDump } from './fuzzer.js';

async function main(): Promise<number> {
  const [file, bootstrap] = process.argv.slice(2);
  if (!file || !bootstrap) {
    process.stderr.write('usage: replay.js <round dump .json> <host:port>\n');
    return 2;
  }
  const dump = JSON.parse(readFileSync(file, 'utf8')) as RoundDump;
  process.stdout.write(`round from seed ${dump.seed} (worker ${dump.worker}, connection ${dump.connection}, round ${dump.round}): ${dump.problem}\n`);
  const i = bootstrap.lastIndexOf(':');
  const conn = await FuzzConnection.open(bootstrap.slice(0, i), Number(bootstrap.slice(i + 1)));
  const bytes = Buffer.concat(dump.pieces.map((p) => Buffer.from(p.hex, 'hex')));
  conn.write(bytes, dump.cuts);
  if (dump.lyingSize) conn.end();
  const probe = dump.pieces.at(-1)!.correlationId;
  const outcome = await conn.waitFor(probe, 30_000);
  for (const p of dump.pieces) process.stdout.write(`sent ${p.role}${p.mutation ? ` (${p.mutation})` : ''} id ${p.correlationId}: ${p.hex}\n`);
  for (const r of conn.responses) process.stdout.write(`response id ${r.correlationId}: ${r.frame.toString('hex')}\n`);
  process.stdout.write(`outcome: ${outcome}\n`);
  conn.destroy();
  return 0;
}

process.exitCode = await main();
