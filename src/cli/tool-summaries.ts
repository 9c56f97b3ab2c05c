// One line per command, shared by the oclif command classes and kt's own root help (which
// answers `kt`, `kt --help` and `kt help` without loading oclif). No imports: it must stay light.
export const TOOL_SUMMARIES: Readonly<Record<string, string>> = {
  'broker-api-versions': 'Print the API versions every broker supports next to the ones kt can use (kafka-broker-api-versions.sh).',
  configs: 'Describe or alter the dynamic configs of topics, brokers, users, clients and more (kafka-configs.sh).',
  'console-consumer': 'Read records from Kafka topics and write them to standard output (kafka-console-consumer.sh).',
  'console-producer': 'Read lines from standard input and publish them to Kafka (kafka-console-producer.sh).',
  'consumer-groups': 'List, describe and delete consumer groups; reset or delete their offsets (kafka-consumer-groups.sh).',
  'consumer-perf-test': 'Measure consumer throughput (kafka-consumer-perf-test.sh).',
  'delete-records': 'Delete records of partitions up to given offsets (kafka-delete-records.sh).',
  'dump-log': 'Dump log segments, indexes and snapshots from disk, without a broker (kafka-dump-log.sh).',
  'e2e-latency': 'Measure produce-to-consume latency one record at a time (kafka-e2e-latency.sh).',
  'get-offsets': 'Print the offsets of topic-partitions, by offset spec or timestamp (kafka-get-offsets.sh).',
  'log-dirs': 'Describe the log directories of brokers as JSON (kafka-log-dirs.sh).',
  'producer-perf-test': 'Measure producer throughput and latency (kafka-producer-perf-test.sh).',
  'server start': 'Start the embedded Kafka-compatible broker (kafka-server-start.sh).',
  'server stop': 'Stop the brokers started from this kt install (kafka-server-stop.sh).',
  topics: 'Create, delete, describe, or change a topic (kafka-topics.sh).',
  'verifiable-producer': 'Produce increasing integers and print every acknowledgement as JSON, for system tests (kafka-verifiable-producer.sh).',
};

/** One line per topic (a command group such as `server start` / `server stop`), for the root help. */
export const TOPIC_SUMMARIES: Readonly<Record<string, string>> = {
  server: 'Start and stop the embedded Kafka-compatible broker (kafka-server-start.sh, kafka-server-stop.sh).',
};
