// `kt broker-api-versions` — kafka-broker-api-versions.sh. Declared once here; oclif's help, the manifest, completion and the man
// page are derived from this declaration (src/cli/tool-command.ts), and the tool keeps Kafka's
// own parser, messages and --help.
import { BROKER_API_VERSIONS_OPTIONS } from '../tools/broker-api-versions/run.js';
import { toolCommand } from '../cli/tool-command.js';

export default toolCommand({
  id: 'broker-api-versions',
  kafkaScript: 'kafka-broker-api-versions.sh',
  summary: 'Print the API versions every broker supports next to the ones kt can use (kafka-broker-api-versions.sh).',
  description: "Asks every broker of the cluster for its ApiVersions and prints, per API, the range it supports and the version kt would use, as Kafka's kafka-broker-api-versions.sh does.",
  usage: 'broker-api-versions --bootstrap-server <host:port> [--command-config <file>]',
  examples: ['broker-api-versions --bootstrap-server localhost:9092'],
  options: { jopt: BROKER_API_VERSIONS_OPTIONS },
  entry: { run: 'tools/broker-api-versions/run.js#runBrokerApiVersions', options: 'tools/broker-api-versions/run.js#BROKER_API_VERSIONS_OPTIONS' },
});
