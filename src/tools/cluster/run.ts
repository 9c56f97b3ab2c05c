// kt cluster = kafka-cluster.sh (ClusterTool): `cluster-id` prints the cluster's id, `unregister
// --id N` removes a broker's registration. argparse4j with sub-commands; -h exits 1 as Kafka's does.
import { KafkaApiError } from '../../client/errors.js';
import { ErrorCode } from '../../protocol/errors.js';
import type { Parser4j } from '../../java-compat/argparse4j-subcommands.js';
import { BOOTSTRAP_GROUP, connectionArgs, runAdminTool } from '../admin-common/argparse4j-tool.js';

const PROG = 'kafka-cluster';

// ClusterTool's own spelling: short flags, "host/port", and --config rather than --command-config.
const CONNECTION_ARGS = connectionArgs({
  server: { flags: ['--bootstrap-server', '-b'], help: 'A list of host/port pairs to use for establishing the connection to the Kafka cluster.' },
  controller: { flags: ['--bootstrap-controller', '-C'], help: 'A list of host/port pairs to use for establishing the connection to the KRaft controllers.' },
  config: { flags: ['--config', '-c'], help: 'A property file containing configurations for the Admin client.' },
});

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
  return runAdminTool(argv, { parser: CLUSTER_PARSER, helpExitCode: 1, configDest: 'config' }, async ({ command, values, connect }) => {
    const client = await connect();
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
  });
}
