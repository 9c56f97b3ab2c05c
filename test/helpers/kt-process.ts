// Runs the built `kt` CLI (node bin/run.js, compiled by `npm run build`) as a child process.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = `${ROOT}bin/run.js`;

export interface KtResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: Buffer;
  readonly stderr: string;
}

/** Fails early with a clear message when dist/ has not been built. */
export function requireBuiltCli(): void {
  if (!existsSync(`${ROOT}dist/commands/topics.js`)) throw new Error('dist/ is missing: run `npm run build` before the CLI end-to-end tests');
}

export interface KtOptions {
  /** Bytes for stdin; stdin is closed after them (EOF). */
  readonly input?: string | Buffer;
  readonly timeoutMs?: number;
  readonly env?: Record<string, string>;
  /**
   * Run without root's power over file permissions (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH dropped
   * by util-linux's setpriv), for tests of permission errors while running as root. The process
   * stays root, so it still reads a checkout only root may read (a fresh clone in `mktemp -d`).
   */
  readonly obeyFilePermissions?: boolean;
}

/** Starts kt; `done` resolves when it exits. */
export function startKt(args: readonly string[], options: KtOptions = {}): { child: ChildProcess; done: Promise<KtResult> } {
  const env: Record<string, string | undefined> = { ...process.env, ...options.env };
  delete env.DEBUG;
  // vitest sets NODE_ENV=test, which turns on oclif's development warnings: run kt as users do.
  delete env.NODE_ENV;
  const command = [process.execPath, BIN, ...args];
  if (options.obeyFilePermissions) command.unshift('setpriv', '--bounding-set=-dac_override,-dac_read_search', '--inh-caps=-dac_override,-dac_read_search', '--');
  const child = spawn(command[0]!, command.slice(1), { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout!.on('data', (c: Buffer) => stdout.push(c));
  child.stderr!.on('data', (c: Buffer) => stderr.push(c));
  if (options.input !== undefined) child.stdin!.end(options.input);
  else child.stdin!.end();
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
  const done = new Promise<KtResult>((resolve) => {
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr).toString('utf8') });
    });
  });
  return { child, done };
}

export function kt(args: readonly string[], options: KtOptions = {}): Promise<KtResult> {
  return startKt(args, options).done;
}
