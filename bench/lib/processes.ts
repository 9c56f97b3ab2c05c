// Child processes for the bench: every child leads its own process group so that cleanup (and
// the kill -9 scenario) reaches whatever it spawned, and every group still alive is killed when
// the bench exits, even on failure.
import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { readFileSync } from 'node:fs';

const live = new Set<ChildProcess>();

/** Spawns `cmd` as the leader of a new process group, tracked for cleanup. */
export function spawnGroup(cmd: string, args: string[], opts: SpawnOptions = {}): ChildProcess {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts, detached: true });
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

export function killGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

export function killAllGroups(): void {
  for (const child of live) killGroup(child);
}

process.once('exit', killAllGroups);
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    killAllGroups();
    process.exit(sig === 'SIGINT' ? 130 : 143);
  });
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Wall time from spawn to exit, milliseconds. */
  ms: number;
  timedOut: boolean;
}

/**
 * Runs a command to completion (killed after `timeoutMs`), collecting its output. `onStdout`
 * sees raw chunks (for counting); when given, stdout is not accumulated.
 */
export function run(
  cmd: string,
  args: string[],
  opts: { timeoutMs: number; stdin?: 'ignore' | number; onStdout?: (chunk: Buffer) => void; env?: NodeJS.ProcessEnv },
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawnGroup(cmd, args, { stdio: [opts.stdin ?? 'ignore', 'pipe', 'pipe'], env: opts.env ?? process.env });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child);
    }, opts.timeoutMs);
    child.stdout!.on('data', (d: Buffer) => (opts.onStdout ? opts.onStdout(d) : (stdout += d.toString())));
    child.stderr!.on('data', (d: Buffer) => {
      if (stderr.length < 100_000) stderr += d.toString();
    });
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: performance.now() - start, timedOut });
    });
  });
}

/** Runs a command to completion and throws unless it exits 0. */
export async function runOk(cmd: string, args: string[], opts: Parameters<typeof run>[2]): Promise<RunResult> {
  const r = await run(cmd, args, opts);
  if (r.code !== 0) {
    const why = r.timedOut ? `timed out after ${opts.timeoutMs} ms` : `exit ${r.code ?? r.signal}`;
    throw new Error(`${cmd} ${args.join(' ')}: ${why}: ${r.stderr.slice(-500)}`);
  }
  return r;
}

/** Whether a binary can be executed (e.g. /usr/bin/kcat). */
export function available(cmd: string, args: string[]): boolean {
  const r = spawnSync(cmd, args, { stdio: 'ignore', timeout: 10_000 });
  return r.error === undefined;
}

/** Resident set size of a process in bytes (VmRSS from /proc), or 0 when it is gone. */
export function rssBytes(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'latin1');
    const m = /^VmRSS:\s+(\d+) kB/m.exec(status);
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat; 0 if gone. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    // Fields after the parenthesised command name; utime and stime are the 12th and 13th of them.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** Linux's USER_HZ, 100 on every mainstream architecture. */
const CLOCK_TICKS_PER_SECOND = 100;

/**
 * How busy `pid` was while `body` ran: `busy` is CPU seconds / wall seconds (1.0 = one core all
 * the time), `cpuSeconds` the CPU time itself (for CPU per GB moved).
 */
export async function measureBusy<T>(pid: number, body: () => Promise<T>): Promise<{ result: T; busy: number; cpuSeconds: number }> {
  const cpu0 = cpuSeconds(pid);
  const t0 = performance.now();
  const result = await body();
  const wallS = (performance.now() - t0) / 1000;
  const used = cpuSeconds(pid) - cpu0;
  return { result, busy: wallS > 0 ? used / wallS : 0, cpuSeconds: used };
}
