// `kt client-metrics` — kafka-client-metrics.sh. Declared once here; oclif's help, the manifest,
// completion and the man page are derived from this declaration (src/cli/tool-command.ts), and the
// tool keeps Kafka's own parser, messages and --help.
import { CLIENT_METRICS_OPTIONS } from '../tools/client-metrics/options.js';
import { toolCommand } from '../cli/tool-command.js';

export default toolCommand({
  id: 'client-metrics',
  kafkaScript: 'kafka-client-metrics.sh',
  summary: 'List, describe, alter and delete client metrics subscriptions (kafka-client-metrics.sh).',
  description:
    "Manages the broker's client metrics subscriptions (KIP-714): which metrics clients matching a pattern push and how often, with the options, messages and exit codes of Kafka's kafka-client-metrics.sh.",
  usage:
    'client-metrics --bootstrap-server <host:port> (--list | --describe [--name <name>] | --alter (--name <name> | --generate-name) [--metrics <m1,m2>] [--interval <ms>] [--match <k1=v1,k2=v2>] | --delete --name <name>) [--command-config <file>]',
  examples: [
    'client-metrics --bootstrap-server localhost:9092 --alter --name producers --metrics org.apache.kafka.producer. --interval 60000',
    'client-metrics --bootstrap-server localhost:9092 --describe --name producers',
  ],
  options: { jopt: CLIENT_METRICS_OPTIONS },
  repeatable: ['metrics', 'match'],
  entry: { run: 'tools/client-metrics/run.js#runClientMetrics', options: 'tools/client-metrics/options.js#CLIENT_METRICS_OPTIONS' },
});
