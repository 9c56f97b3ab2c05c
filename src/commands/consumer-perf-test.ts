// `kt consumer-perf-test` — kafka-consumer-perf-test.sh. Declared once here; oclif's help, the manifest, completion and the man
// page are derived from this declaration (src/cli/tool-command.ts), and the tool keeps Kafka's
// own parser, messages and --help.
import { CONSUMER_PERF_OPTIONS } from '../tools/consumer-perf-test/options.js';
import { toolCommand } from '../cli/tool-command.js';

export default toolCommand({
  id: 'consumer-perf-test',
  kafkaScript: 'kafka-consumer-perf-test.sh',
  summary: 'Measure consumer throughput (kafka-consumer-perf-test.sh).',
  description: "Consumes a number of records from a topic in a consumer group and prints Kafka's throughput summary (MB/s, records/s, rebalance and fetch times), as Kafka's kafka-consumer-perf-test.sh does.",
  usage: 'consumer-perf-test --bootstrap-server <host:port> --topic <topic> --messages <n> [options]',
  examples: ['consumer-perf-test --bootstrap-server localhost:9092 --topic orders --messages 100000'],
  options: { jopt: CONSUMER_PERF_OPTIONS },
  entry: { run: 'tools/consumer-perf-test/run.js#runConsumerPerfTest', options: 'tools/consumer-perf-test/options.js#CONSUMER_PERF_OPTIONS' },
});
