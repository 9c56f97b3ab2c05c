// `kt server start` — kafka-server-start.sh. Declared once here; oclif's help, the manifest,
// completion and the man page are derived from this declaration (src/cli/tool-command.ts).
import { SERVER_START_OPTIONS } from '../../tools/server/args.js';
import { toolCommand } from '../../cli/tool-command.js';

export default toolCommand({
  id: 'server start',
  kafkaScript: 'kafka-server-start.sh',
  summary: 'Start the embedded Kafka-compatible broker (kafka-server-start.sh).',
  description:
    "Starts kt's Kafka-compatible broker in the foreground (or, with -daemon as the first argument, in the background with its console in $LOG_DIR/kafkaServer.out). The properties file is optional: without one kt runs with Kafka's defaults and node.id 1. --override property=value sets or overrides one property and may be repeated. The broker logs at INFO on standard output and prints Kafka's \"Kafka Server started\" line once it listens; SIGINT or SIGTERM (kt server stop) shuts it down cleanly.",
  usage: 'server start [-daemon] [server.properties] [--override property=value]*',
  examples: [
    'server start',
    'server start config/server.properties',
    'server start --override listeners=PLAINTEXT://127.0.0.1:9092 --override log.dirs=/tmp/kt-logs',
    'server start -daemon config/server.properties',
  ],
  options: { jopt: SERVER_START_OPTIONS },
  repeatable: ['override'],
  positionals: [{ name: 'server.properties', description: 'The broker properties file (optional in kt).', required: false }],
  // npm run build bundles the broker into one file (scripts/bundle-server.mjs): much faster to load.
  entry: { run: 'tools/server/start.bundle.js#runServerStart', options: 'tools/server/args.js#SERVER_START_OPTIONS', outlivesConsole: true },
});
