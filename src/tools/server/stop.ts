// `kt server stop [--process-role=<roles>] [--node-id=<id>]`, as Kafka 4's kafka-server-stop.sh:
// SIGTERM (or $SIGNAL) to the brokers started from this install, optionally only those whose
// process.roles or node.id match. Unlike the script, it then waits for them to exit, so that the
// next command finds their log dirs unlocked and cleanly shut down.
import { readFileSync } from 'node:fs';
import { findBrokerProcesses, type BrokerProcess } from './broker-processes.js';
import { parseServerArgs, serverProperties } from './args.js';

const USAGE = 'USAGE: kt server stop [--process-role=<process.roles>] [--node-id=<node.id>]';
const WAIT_LIMIT_MS = 60_000;

export async function runServerStop(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stderr.write(`${USAGE}\n`);
    return 1;
  }
  if (argv.includes('--version')) {
    process.stdout.write(`${(await import('../../common/version.js')).ktVersion()}\n`);
    return 0;
  }
  // The script greps `--process-role=...` and `--node-id=...` out of its arguments and ignores the rest.
  const role = optionValue(argv, '--process-role=');
  const nodeId = optionValue(argv, '--node-id=');
  if (role !== undefined && nodeId !== undefined) {
    process.stdout.write('When both node-id and process-role are provided, the value for node-id will take precedence\n');
  }
  const brokers = findBrokerProcesses(process.argv[1]!);
  if (brokers.length === 0) {
    process.stdout.write('No kafka server to stop\n');
    return 1;
  }
  let targets = brokers;
  if (role !== undefined || nodeId !== undefined) {
    targets = [];
    for (const b of brokers) {
      const settings = brokerSettings(b);
      if (settings === undefined) {
        process.stdout.write('Can not find the configuration file in the current directory. Please make sure the kafka stop process and the start process are called in the same directory.\n');
        return 1;
      }
      const matches = nodeId !== undefined ? settings.nodeId === nodeId : settings.processRoles === role;
      if (matches) targets.push(b);
    }
  }
  const signal = signalName(process.env.SIGNAL);
  for (const b of targets) {
    try {
      process.kill(b.pid, signal);
    } catch (e) {
      // Already gone: nothing to wait for.
      if ((e as NodeJS.ErrnoException).code !== 'ESRCH') throw e;
    }
  }
  const stuck = await waitForExit(targets.map((b) => b.pid));
  if (stuck.length > 0) {
    process.stderr.write(`Kafka server ${stuck.join(', ')} did not stop within ${WAIT_LIMIT_MS / 1000} seconds\n`);
    return 1;
  }
  return 0;
}

function optionValue(argv: readonly string[], prefix: string): string | undefined {
  const arg = argv.find((a) => a.startsWith(prefix));
  return arg === undefined ? undefined : arg.slice(prefix.length);
}

/**
 * The broker's process.roles and effective node.id, from its own command line (file and
 * overrides; the script reads the file only). undefined when its config file cannot be read.
 */
function brokerSettings(b: BrokerProcess): { processRoles: string; nodeId: string } | undefined {
  const parsed = parseServerArgs(b.args);
  if ('error' in parsed) return undefined;
  let values: Map<string, string>;
  try {
    values = serverProperties(parsed, b.cwd);
  } catch {
    return undefined;
  }
  const processRoles = (values.get('process.roles') ?? '').trim();
  const id = (key: string) => {
    const v = Number((values.get(key) ?? '-1').trim());
    return Number.isInteger(v) && v >= 0 ? v : undefined;
  };
  // kt's default for a broker without node.id or broker.id is node 1.
  return { processRoles, nodeId: String(id('node.id') ?? id('broker.id') ?? 1) };
}

function signalName(value: string | undefined): NodeJS.Signals {
  const name = (value ?? 'TERM').toUpperCase();
  return (name.startsWith('SIG') ? name : `SIG${name}`) as NodeJS.Signals;
}

async function waitForExit(pids: readonly number[]): Promise<number[]> {
  const deadline = Date.now() + WAIT_LIMIT_MS;
  let alive = [...pids];
  while (alive.length > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    alive = alive.filter(isAlive);
  }
  return alive;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  // An exited process its parent has not reaped yet (a zombie) has stopped all the same.
  try {
    return !/^\d+ \(.*\) Z/s.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}
