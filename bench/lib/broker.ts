// The broker under test: `node bin/run.js server start` as a child process (its own process
// group), on 127.0.0.1 port 0, with a data dir the bench owns.
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { killGroup, rssBytes, spawnGroup } from './processes.js';

/** The repository: the nearest directory up holding bin/run.js (compiled to bench/.build/bench/lib/, or run from source by the tests). */
function findRepo(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'bin', 'run.js')) && existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no repository above ${from}`);
  }
}

export const REPO = findRepo(import.meta.dirname);
export const KT_BIN = join(REPO, 'bin', 'run.js');

const READY = /Kafka Server started, listening on [^\s:]+:\/\/(\S+)/;

export interface BrokerProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  /** host:port of the listener. */
  readonly bootstrap: string;
  readonly dataDir: string;
  /** Spawn to ready line, milliseconds (includes Node's own start-up, as a user sees it). */
  readonly readyMs: number;
  rss(): number;
  /** SIGTERM, wait for the exit (SIGKILL after 20 s). */
  stop(): Promise<void>;
  /** kill -9 of the whole process group, wait for the exit. */
  kill9(): Promise<void>;
}

/** A fresh data dir under the OS temp dir (the disk the limits are measured on). */
export function freshDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'kt-bench-logs-'));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

function waitExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export function startBroker(dataDir: string, extraOverrides: string[] = [], timeoutMs = 120_000): Promise<BrokerProcess> {
  const overrides = ['listeners=PLAINTEXT://127.0.0.1:0', `log.dirs=${dataDir}`, ...extraOverrides];
  const args = [KT_BIN, 'server', 'start', ...overrides.flatMap((o) => ['--override', o])];
  const start = performance.now();
  const child = spawnGroup(process.execPath, args);
  return new Promise((resolve, reject) => {
    let out = '';
    let ready = false;
    const timer = setTimeout(() => {
      killGroup(child);
      reject(new Error(`broker not ready after ${timeoutMs} ms: ${out.slice(-2000)}`));
    }, timeoutMs);
    child.stdout!.on('data', (d: Buffer) => {
      if (ready) return; // keep draining the pipe, stop keeping the log
      out += d.toString();
      const m = READY.exec(out);
      if (!m) return;
      ready = true;
      clearTimeout(timer);
      const readyMs = performance.now() - start;
      resolve({
        child,
        pid: child.pid!,
        bootstrap: m[1]!,
        dataDir,
        readyMs,
        rss: () => rssBytes(child.pid!),
        stop: async () => {
          killGroup(child, 'SIGTERM');
          const force = setTimeout(() => killGroup(child), 20_000);
          await waitExit(child);
          clearTimeout(force);
        },
        kill9: async () => {
          killGroup(child, 'SIGKILL');
          await waitExit(child);
        },
      });
    });
    child.stderr!.on('data', (d: Buffer) => {
      if (!ready) out += d.toString();
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (!ready) reject(new Error(`broker exited (${code ?? signal}) before ready: ${out.slice(-2000)}`));
    });
  });
}

/** Runs `body` against a broker on a fresh data dir, then stops it and removes the dir. */
export async function withBroker<T>(body: (broker: BrokerProcess) => Promise<T>, overrides: string[] = []): Promise<T> {
  const dir = freshDataDir();
  let broker: BrokerProcess | undefined;
  try {
    broker = await startBroker(dir, overrides);
    return await body(broker);
  } finally {
    if (broker) await broker.stop();
    removeDir(dir);
  }
}
