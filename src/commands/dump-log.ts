// `kt dump-log` — kafka-dump-log.sh. Declared once here; oclif's help, the manifest, completion and the man
// page are derived from this declaration (src/cli/tool-command.ts), and the tool keeps Kafka's
// own parser, messages and --help.
import { DUMP_LOG_OPTIONS } from '../tools/dump-log/options.js';
import { toolCommand } from '../cli/tool-command.js';

export default toolCommand({
  id: 'dump-log',
  kafkaScript: 'kafka-dump-log.sh',
  summary: 'Dump log segments, indexes and snapshots from disk, without a broker (kafka-dump-log.sh).',
  description: "Reads log segments (.log), offset and time indexes, producer snapshots and KRaft metadata files straight from disk and prints them as Kafka's kafka-dump-log.sh does; no broker needed.",
  usage: 'dump-log --files <file1,file2,...> [options]',
  examples: ['dump-log --files /tmp/kt-logs/orders-0/00000000000000000000.log --print-data-log', 'dump-log --files /tmp/kt-logs/__consumer_offsets-0/00000000000000000000.log --offsets-decoder'],
  options: { jopt: DUMP_LOG_OPTIONS },
  entry: { run: 'tools/dump-log/run.js#runDumpLog', options: 'tools/dump-log/options.js#DUMP_LOG_OPTIONS' },
});
