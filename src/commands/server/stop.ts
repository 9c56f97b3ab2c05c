// `kt server stop` — kafka-server-stop.sh. Declared once here; oclif's help, the manifest,
// completion and the man page are derived from this declaration (src/cli/tool-command.ts).
import type { OptionSpec } from '../../java-compat/jopt.js';
import { toolCommand } from '../../cli/tool-command.js';

/** The script's two filters; it reads them only in their `--name=value` form. */
const SERVER_STOP_OPTIONS: readonly OptionSpec[] = [
  { name: 'process-role', arg: 'required', argName: 'process.roles', description: 'Stop only the brokers whose process.roles is this value.' },
  { name: 'node-id', arg: 'required', argName: 'node.id', description: 'Stop only the broker with this node.id (wins over --process-role).' },
];

export default toolCommand({
  id: 'server stop',
  kafkaScript: 'kafka-server-stop.sh',
  summary: 'Stop the brokers started from this kt install (kafka-server-stop.sh).',
  description:
    'Sends SIGTERM (or $SIGNAL) to the brokers started from this kt install, optionally only those whose process.roles or node.id match, then waits for them to exit so that their log dirs are unlocked and cleanly shut down. Exits 1 with "No kafka server to stop" when none runs.',
  usage: 'server stop [--process-role=<process.roles>] [--node-id=<node.id>]',
  examples: ['server stop', 'server stop --node-id=1'],
  options: { jopt: SERVER_STOP_OPTIONS },
  entry: { run: 'tools/server/stop.js#runServerStop', answersVersion: true },
});
