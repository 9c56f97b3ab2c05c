// kafka-leader-election's jopt-simple options (LeaderElectionCommand).
import type { OptionSpec } from '../../java-compat/jopt.js';
import { DEFAULT_OPTIONS } from '../../java-compat/jopt.js';

export const LEADER_ELECTION_DESCRIPTION =
  'This tool attempts to elect a new leader for a set of topic partitions. The type of elections supported are preferred replicas and unclean replicas.';

export const LEADER_ELECTION_OPTIONS: readonly OptionSpec[] = [
  {
    name: 'bootstrap-server',
    arg: 'required',
    argName: 'host:port',
    description: 'A hostname and port for the broker to connect to, in the form host:port. Multiple comma separated URLs can be given. REQUIRED.',
  },
  { name: 'admin.config', arg: 'required', argName: 'config file', description: 'Configuration properties files to pass to the admin client' },
  {
    name: 'path-to-json-file',
    arg: 'required',
    argName: 'Path to JSON file',
    description:
      'The JSON file with the list  of partition for which leader elections should be performed. This is an example format. \n{"partitions":\n\t[{"topic": "foo", "partition": 1},\n\t {"topic": "foobar", "partition": 2}]\n}\nNot allowed if --all-topic-partitions or --topic flags are specified.',
  },
  {
    name: 'topic',
    arg: 'required',
    argName: 'topic name',
    description: 'Name of topic for which to perform an election. Not allowed if --path-to-json-file or --all-topic-partitions is specified.',
  },
  {
    name: 'partition',
    arg: 'required',
    type: 'Integer',
    argName: 'partition id',
    description: 'Partition id for which to perform an election. REQUIRED if --topic is specified.',
  },
  {
    name: 'all-topic-partitions',
    description:
      'Perform election on all of the eligible topic partitions based on the type of election (see the --election-type flag). Not allowed if --topic or --path-to-json-file is specified.',
  },
  {
    name: 'election-type',
    arg: 'required',
    argName: 'election type',
    description:
      'Type of election to attempt. Possible values are "preferred" for preferred leader election or "unclean" for unclean leader election. If preferred election is selection, the election is only performed if the current leader is not the preferred leader for the topic partition. If unclean election is selected, the election is only performed if there are no leader for the topic partition. REQUIRED.',
  },
  ...DEFAULT_OPTIONS,
];
