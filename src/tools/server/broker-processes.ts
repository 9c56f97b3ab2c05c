// The brokers started from this kt install: processes running `<node> <this install's kt script>
// server start ...` (what kafka-server-stop.sh finds with `ps ax | grep ' kafka\.Kafka '`).
// Read from /proc on Linux, from `ps` elsewhere (without working directories there).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, readlinkSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';

export interface BrokerProcess {
  readonly pid: number;
  /** The arguments after `server start`. */
  readonly args: readonly string[];
  /** The broker's working directory, when the OS tells it (relative config paths are resolved from it). */
  readonly cwd: string | undefined;
}

/** `script` is this install's entry point (bin/run.js, or a link to it such as node_modules/.bin/kt). */
export function findBrokerProcesses(script: string): BrokerProcess[] {
  const ours = realPath(script);
  const found: BrokerProcess[] = [];
  for (const p of existsSync('/proc/self/cmdline') ? procProcesses() : psProcesses()) {
    // node [node flags] <script> server start ...
    let at = 1;
    while (at < p.argv.length && p.argv[at]!.startsWith('-')) at++;
    const [script, word1, word2, first] = p.argv.slice(at);
    if (p.pid === process.pid || script === undefined || word1 !== 'server' || word2 !== 'start') continue;
    // The -daemon launcher is not a broker (it exits as soon as it has started one).
    if (first === '-daemon') continue;
    const candidate = p.cwd === undefined ? script : resolve(p.cwd, script);
    if (ours !== undefined && realPath(candidate) === ours) found.push({ pid: p.pid, args: p.argv.slice(at + 3), cwd: p.cwd });
  }
  return found.sort((a, b) => a.pid - b.pid);
}

interface RawProcess {
  readonly pid: number;
  readonly argv: string[];
  readonly cwd: string | undefined;
}

function procProcesses(): RawProcess[] {
  const out: RawProcess[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const argv = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
      if (argv[argv.length - 1] === '') argv.pop();
      let cwd: string | undefined;
      try {
        cwd = readlinkSync(`/proc/${name}/cwd`);
      } catch {
        cwd = undefined;
      }
      out.push({ pid: Number(name), argv, cwd });
    } catch {
      // The process ended while we looked, or belongs to another user.
    }
  }
  return out;
}

/** Without /proc: `ps` command lines, split at blanks (paths with blanks are not recognised). */
function psProcesses(): RawProcess[] {
  const text = execFileSync('ps', ['-axww', '-o', 'pid=,command='], { encoding: 'utf8' });
  return text
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields.length > 1 && /^\d+$/.test(fields[0]!))
    .map((fields) => ({ pid: Number(fields[0]), argv: fields.slice(1), cwd: undefined }));
}

function realPath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}
