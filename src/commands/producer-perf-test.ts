// `kt producer-perf-test` — kafka-producer-perf-test.sh. Declared once here; oclif's help, the manifest, completion and the man
// page are derived from this declaration (src/cli/tool-command.ts), and the tool keeps Kafka's
// own parser, messages and --help.
import { PRODUCER_PERF_ARGS } from '../tools/producer-perf-test/options.js';
import { toolCommand } from '../cli/tool-command.js';

export default toolCommand({
  id: 'producer-perf-test',
  kafkaScript: 'kafka-producer-perf-test.sh',
  summary: 'Measure producer throughput and latency (kafka-producer-perf-test.sh).',
  description: "Sends a number of records of a given size (or from a payload file) at a given rate and prints Kafka's 5-second windows and final summary (records/s, MB/s, latency percentiles), as Kafka's kafka-producer-perf-test.sh does. Its options follow argparse4j, as Kafka's: unambiguous prefixes are accepted and --help goes to standard output.",
  usage: 'producer-perf-test --topic <topic> --num-records <n> (--record-size <bytes> | --payload-file <file> | --payload-monotonic) --throughput <rec/s> (--producer-props k=v... | --producer.config <file>)',
  examples: ['producer-perf-test --topic orders --num-records 100000 --record-size 1000 --throughput -1 --producer-props bootstrap.servers=localhost:9092'],
  options: { argparse: PRODUCER_PERF_ARGS },
  entry: { run: 'tools/producer-perf-test/run.js#runProducerPerfTest', answersVersion: true },
});
