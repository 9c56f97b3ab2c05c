// One line per command, shared by the oclif command classes and kt's own root help (which
// answers `kt`, `kt --help` and `kt help` without loading oclif). No imports: it must stay light.
export const TOOL_SUMMARIES: Readonly<Record<string, string>> = {
  'console-consumer': 'Read records from Kafka topics and write them to standard output (kafka-console-consumer.sh).',
  'console-producer': 'Read lines from standard input and publish them to Kafka (kafka-console-producer.sh).',
  'consumer-perf-test': 'Measure consumer throughput (kafka-consumer-perf-test.sh).',
  'e2e-latency': 'Measure produce-to-consume latency one record at a time (kafka-e2e-latency.sh).',
  'producer-perf-test': 'Measure producer throughput and latency (kafka-producer-perf-test.sh).',
  'server start': 'Start the embedded Kafka-compatible broker (kafka-server-start.sh).',
  topics: 'Create, delete, describe, or change a topic (kafka-topics.sh).',
};
