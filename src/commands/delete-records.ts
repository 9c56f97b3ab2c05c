// `kt delete-records` — kafka-delete-records.sh. Declared once here; oclif's help, the manifest, completion and the man
// page are derived from this declaration (src/cli/tool-command.ts), and the tool keeps Kafka's
// own parser, messages and --help.
import { DELETE_RECORDS_OPTIONS } from '../tools/delete-records/run.js';
import { toolCommand } from '../cli/tool-command.js';

export default toolCommand({
  id: 'delete-records',
  kafkaScript: 'kafka-delete-records.sh',
  summary: 'Delete records of partitions up to given offsets (kafka-delete-records.sh).',
  description: "Deletes the records of partitions before the offsets given in a JSON file (advances their log start offsets), as Kafka's kafka-delete-records.sh does.",
  usage: 'delete-records --bootstrap-server <host:port> --offset-json-file <file> [--command-config <file>]',
  examples: ['delete-records --bootstrap-server localhost:9092 --offset-json-file offsets.json'],
  options: { jopt: DELETE_RECORDS_OPTIONS },
  entry: { run: 'tools/delete-records/run.js#runDeleteRecords', options: 'tools/delete-records/run.js#DELETE_RECORDS_OPTIONS' },
});
