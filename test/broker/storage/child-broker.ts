// `kt server start` as a child process under a lowered `ulimit -n` (bash's ulimit sets the soft
// and the hard limit, so Node cannot raise it again), for the descriptor and disk-full tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';

const BIN = join(import.meta.dirname, '..', '..', '..', 'bin', 'run.js');
const READY = /Kafka Server started, listening on \S+?:\/\/(\S+)/;

export interface ChildBroker {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly port: number;
  readonly dataDir: string;
  /** Everything the broker printed so far. */
  output(): string;
  /** SIGTERM; resolves with the exit code (143 after a clean shutdown). */
  stop(): Promise<number | null>;
  /** SIGKILL; resolves once the process is gone. */
  kill9(): Promise<void>;
}

export interface ChildBrokerOptions {
  /** `ulimit -n` for the broker (soft and hard). */
  openFileLimit?: number;
  overrides?: string[];
  timeoutMs?: number;
}

/** Starts the broker on 127.0.0.1 port 0 and resolves once it printed its ready line. */
export function startChildBroker(dataDir: string, opts: ChildBrokerOptions = {}): Promise<ChildBroker> {
  const overrides = ['listeners=PLAINTEXT://127.0.0.1:0', `log.dirs=${dataDir}`, ...(opts.overrides ?? [])];
  const args = [process.execPath, BIN, 'server', 'start', ...overrides.flatMap((o) => ['--override', o])];
  const limit = opts.openFileLimit === undefined ? '' : `ulimit -n ${opts.openFileLimit} && `;
  const child = spawn('bash', ['-c', `${limit}exec "$@"`, 'bash', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`broker did not start: ${out}`));
    }, opts.timeoutMs ?? 60_000);
    const onData = () => {
      const m = READY.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      resolve({
        child,
        pid: child.pid!,
        port: Number(m[1]!.split(':').pop()),
        dataDir,
        output: () => out,
        stop: () => {
          child.kill('SIGTERM');
          return exited;
        },
        kill9: async () => {
          child.kill('SIGKILL');
          await exited;
        },
      });
    };
    child.stdout!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`broker exited with ${code}: ${out}`));
    });
  });
}

/** How many of process `pid`'s descriptors are segment `.log` files (Linux /proc). */
export function openLogDescriptors(pid: number): number {
  let count = 0;
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      if (/\.log(\.deleted)?$/.test(readlinkSync(`/proc/${pid}/fd/${fd}`))) count++;
    } catch {
      // closed meanwhile
    }
  }
  return count;
}
