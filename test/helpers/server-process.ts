// `kt server start` as a child process (the built CLI in dist/), for tests that kill it.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'run.js');

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly bootstrap: string;
  readonly readyLine: string;
  output(): string;
}

/** Starts the broker and resolves once it printed its ready line. */
export function startServerProcess(args: string[], timeoutMs = 20_000): Promise<ServerProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'server', 'start', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`broker did not start: ${out}`));
    }, timeoutMs);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /^.*Kafka Server started, listening on [^\s:]+:\/\/(\S+).*$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, bootstrap: m[1]!, readyLine: m[0], output: () => out });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`broker exited with ${code}: ${out}`));
    });
  });
}

export function waitExit(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}
