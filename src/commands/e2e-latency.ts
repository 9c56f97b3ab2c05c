// `kt e2e-latency` — kafka-e2e-latency.sh. Declared once here; oclif's help, the manifest, completion and the man
// page are derived from this declaration (src/cli/tool-command.ts), and the tool keeps Kafka's
// own parser, messages and --help.
import { toolCommand } from '../cli/tool-command.js';

export default toolCommand({
  id: 'e2e-latency',
  kafkaScript: 'kafka-e2e-latency.sh',
  summary: 'Measure produce-to-consume latency one record at a time (kafka-e2e-latency.sh).',
  description: "Sends records one at a time, waits for each to be acknowledged and read back, and prints the round trip every 1000 records, then the average and the percentiles, as Kafka's kafka-e2e-latency.sh does. Its arguments are positional, as Kafka's.",
  usage: 'e2e-latency broker_list topic num_messages producer_acks message_size_bytes [properties_file]',
  examples: ['e2e-latency localhost:9092 latency-test 10000 1 1024'],
  options: { jopt: [] },
  positionals: [
    { name: 'broker_list', description: 'The bootstrap servers, host:port[,host:port...].', required: true },
    { name: 'topic', description: 'The topic to produce to and consume from (created with 1 partition when missing).', required: true },
    { name: 'num_messages', description: 'How many records to send, one at a time.', required: true },
    { name: 'producer_acks', description: 'The producer acks: 1 or all.', required: true },
    { name: 'message_size_bytes', description: 'The size of each record value.', required: true },
    { name: 'properties_file', description: 'A client properties file (optional).', required: false },
  ],
  entry: { run: 'tools/e2e-latency/run.js#runEndToEndLatency', answersVersion: true },
});
