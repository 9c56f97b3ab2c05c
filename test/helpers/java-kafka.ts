// Runs Apache Kafka's own Java tools (../shared/java-kafka/bin/kafka-<tool>.sh, the reference
// build beside the checkout) and kt's mirror of them with the same arguments, so the parity tests
// can compare stdout, stderr and exit codes byte for byte. Tests skip where the build is absent.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect } from 'vitest';
import { startBroker } from '../../src/index.js';
import { kt, requireBuiltCli } from './kt-process.js';
import { run } from './run.js';

/** ../shared/java-kafka beside the checkout (or the worktree). */
export const JAVA_KAFKA = fileURLToPath(new URL('../../../shared/java-kafka/', import.meta.url));

function javaRuns(): boolean {
  try {
    execFileSync('java', ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Whether the reference Java tools can run here (the build exists and a Java runtime is installed). */
export const hasJavaKafka = existsSync(`${JAVA_KAFKA}bin/kafka-topics.sh`) && javaRuns();

export interface ToolResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number | null;
}

export interface ToolOptions {
  readonly input?: string;
  readonly timeoutMs?: number;
}

/** `kafka-<name>.sh args...` from the reference build. Each call starts a JVM (about 0.6 s and more). */
export async function javaTool(name: string, args: readonly string[], options: ToolOptions = {}): Promise<ToolResult> {
  const r = await run(`${JAVA_KAFKA}bin/kafka-${name}.sh`, [...args], { input: options.input, timeoutMs: options.timeoutMs ?? 90_000 });
  return { stdout: r.stdout.toString('utf8'), stderr: r.stderr, code: r.code };
}

/** `kt <name> args...` from the built CLI (dist/). */
export async function ktTool(name: string, args: readonly string[], options: ToolOptions = {}): Promise<ToolResult> {
  const r = await kt([name, ...args], { input: options.input, timeoutMs: options.timeoutMs ?? 90_000 });
  return { stdout: r.stdout.toString('utf8'), stderr: r.stderr, code: r.code };
}

/** Both tools with the same arguments, run side by side. */
export async function bothTools(name: string, args: readonly string[], options: ToolOptions = {}): Promise<{ java: ToolResult; kt: ToolResult }> {
  const [java, ktResult] = await Promise.all([javaTool(name, args, options), ktTool(name, args, options)]);
  return { java, kt: ktResult };
}

/**
 * A jopt help table without the rows of the named options: the options kt adds to Kafka 4.0's
 * tools (KIP-1147 spellings), listed in README under "Differences from Kafka's tools". A row is
 * its `--name` line plus the continuation lines, which start with a space.
 */
export function withoutOptionRows(text: string, names: readonly string[]): string {
  const lines = text.split('\n');
  const kept: string[] = [];
  let skipping = false;
  for (const line of lines) {
    if (!line.startsWith(' ')) skipping = names.some((n) => line.startsWith(`--${n} `));
    if (!skipping) kept.push(line);
  }
  return kept.join('\n');
}

/**
 * Java's stderr with what kt deliberately leaves out (README, "Differences from Kafka's tools"):
 * stack traces of exceptions (kt prints only the message; `--verbose` shows its own trace) and the
 * `Exception in thread "main" <class>: ` prefix of uncaught ones, and slf4j-simple's log lines.
 */
export function withoutJavaTraces(stderr: string): string {
  const lines = stderr.split('\n');
  const kept: string[] = [];
  let inTrace = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const traceLine = /^\tat |^\t\.\.\. \d+ more$|^Caused by: /u.test(line);
    // printStackTrace's blank line after a trace goes with it (the final newline stays).
    const blankAfterTrace = line === '' && inTrace && i < lines.length - 1;
    inTrace = traceLine;
    if (traceLine || blankAfterTrace) continue;
    if (/^\[[^\]]+\] (WARN|INFO|ERROR) /u.test(line)) continue;
    // An exception's toString() line heads the trace that follows it.
    if (/^[a-z][\w$]*(\.[\w$]+)+(: .*)?$/u.test(line) && lines[i + 1]?.startsWith('\tat ')) continue;
    kept.push(line.replace(/^Exception in thread "main" [\w$.]+: /u, ''));
  }
  return kept.join('\n');
}

/** Each Java call starts a JVM: the parity suites' hooks and tests allow this long. */
export const PARITY_TIMEOUT_MS = 90_000;

export interface ParityBroker {
  /** The broker's bootstrap address (once the suite's beforeAll has run). */
  readonly bootstrap: string;
}

/**
 * The kt broker both tools of a parity suite talk to: started in the suite's beforeAll (after
 * checking that dist/ is built), closed in its afterAll. `seedParityTopic` adds the topic
 * `parity` (3 partitions) holding six keyed records k0..k5, which the read views compare.
 */
export function parityBroker(options: { readonly seedParityTopic?: boolean } = {}): ParityBroker {
  let broker: { bootstrap: string; close(): Promise<void> } | undefined;
  beforeAll(async () => {
    requireBuiltCli();
    broker = await startBroker({ port: 0 });
    if (options.seedParityTopic === true) {
      await ktTool('topics', ['--bootstrap-server', broker.bootstrap, '--create', '--topic', 'parity', '--partitions', '3']);
      const produced = await ktTool('console-producer', ['--bootstrap-server', broker.bootstrap, '--topic', 'parity', '--property', 'parse.key=true'], {
        input: 'k0\tv0\nk1\tv1\nk2\tv2\nk3\tv3\nk4\tv4\nk5\tv5\n',
      });
      expect(produced.code).toBe(0);
    }
  }, PARITY_TIMEOUT_MS);
  afterAll(async () => broker?.close());
  return {
    get bootstrap(): string {
      if (broker === undefined) throw new Error('the parity broker starts in beforeAll');
      return broker.bootstrap;
    },
  };
}
