// kt cluster = kafka-cluster.sh (ClusterTool): `cluster-id` prints the cluster's id, `unregister
// --id N` removes a broker's registration. argparse4j with sub-commands; -h exits 1 as Kafka's does.
import type { AdminClient } from '../../client/admin-client.js';
import { KafkaApiError } from '../../client/errors.js';
import { ErrorCode } from '../../protocol/errors.js';
import { Argparse4jOutcome, parse4j, reportArgparse4j, type Arg4j, type Parser4j } from '../../java-compat/argparse4j-subcommands.js';
import { isVerbose } from '../../cli/tool.js';
import { connectAdmin, exceptionText } from '../admin-common/connect.js';

const PROG = 'kafka-cluster';

const CONNECTION_ARGS: readonly Arg4j[] = [
  {
    flags: ['--bootstrap-server', '-b'],
    mutex: 'bootstrap',
    help: 'A list of host/port pairs to use for establishing the connection to the Kafka cluster.',
  },
  {
    flags: ['--bootstrap-controller', '-C'],
    mutex: 'bootstrap',
    help: 'A list of host/port pairs to use for establishing the connection to the KRaft controllers.',
  },
  { flags: ['--config', '-c'], help: 'A property file containing configurations for the Admin client.' },
];
const BOOTSTRAP_GROUP = [{ name: 'bootstrap', required: true }];

export const CLUSTER_PARSER: Parser4j = {
  prog: PROG,
  description: 'The Kafka cluster tool.',
  args: [],
  commands: [
    { name: 'cluster-id', help: 'Get information about the ID of a cluster.', parser: { prog: PROG, args: CONNECTION_ARGS, mutex: BOOTSTRAP_GROUP } },
    {
      name: 'unregister',
      help: 'Unregister a broker.',
      parser: {
        prog: PROG,
        args: [...CONNECTION_ARGS, { flags: ['--id', '-i'], type: 'Integer', required: true, help: 'The ID of the broker to unregister.' }],
        mutex: BOOTSTRAP_GROUP,
      },
    },
  ],
};

export async function runCluster(argv: readonly string[]): Promise<number> {
  let client: AdminClient | undefined;
  try {
    const { command, values } = parse4j(CLUSTER_PARSER, argv.filter((a) => a !== '--verbose'));
    const bootstrap = (values.get('bootstrap_server') ?? values.get('bootstrap_controller')) as string;
    client = await connectAdmin(bootstrap, values.get('config') as string | undefined, 'adminclient-1');
    if (command === 'cluster-id') {
      const { describeClusterId } = await import('../../client/admin/cluster.js');
      const id = await describeClusterId(client);
      process.stdout.write(id === null ? 'No cluster ID found. The Kafka version is probably too old.\n' : `Cluster ID: ${id}\n`);
      return 0;
    }
    const id = values.get('id') as number;
    const { unregisterBroker } = await import('../../client/admin/cluster.js');
    try {
      await unregisterBroker(client, id);
      process.stdout.write(`Broker ${id} is no longer registered.\n`);
    } catch (e) {
      if (!(e instanceof KafkaApiError) || e.code !== ErrorCode.UNSUPPORTED_VERSION) throw e;
      process.stdout.write('The target cluster does not support the broker unregistration API.\n');
    }
    return 0;
  } catch (e) {
    if (e instanceof Argparse4jOutcome) return reportArgparse4j(e, 1);
    process.stderr.write(`${exceptionText(e)}\n`);
    if (isVerbose(argv) && e instanceof Error && e.stack !== undefined) process.stderr.write(`${e.stack}\n`);
    return 1;
  } finally {
    client?.close();
  }
}
