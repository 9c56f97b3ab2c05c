// `kt configs` — kafka-configs.sh. Declared once here; oclif's help, the manifest, completion and the man
// page are derived from this declaration (src/cli/tool-command.ts), and the tool keeps Kafka's
// own parser, messages and --help.
import { CONFIGS_OPTIONS } from '../tools/configs/options.js';
import { toolCommand } from '../cli/tool-command.js';

export default toolCommand({
  id: 'configs',
  kafkaScript: 'kafka-configs.sh',
  summary: 'Describe or alter the dynamic configs of topics, brokers, users, clients and more (kafka-configs.sh).',
  description: "Describes and alters the dynamic configs of topics, brokers, broker loggers, users, clients, IPs and client-metrics resources, as Kafka's kafka-configs.sh does.",
  usage: 'configs --bootstrap-server <host:port> (--describe | --alter) --entity-type <type> [--entity-name <name> | --entity-default] [options]',
  examples: ['configs --bootstrap-server localhost:9092 --describe --entity-type topics --entity-name orders', 'configs --bootstrap-server localhost:9092 --alter --entity-type topics --entity-name orders --add-config retention.ms=86400000'],
  options: { jopt: CONFIGS_OPTIONS },
  repeatable: ['entity-type', 'entity-name', 'delete-config'],
  entry: { run: 'tools/configs/run.js#runConfigs', options: 'tools/configs/options.js#CONFIGS_OPTIONS' },
});
