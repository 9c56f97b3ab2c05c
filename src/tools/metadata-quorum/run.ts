// kt metadata-quorum = kafka-metadata-quorum.sh (MetadataQuorumCommand): `describe --status` and
// `describe --replication` of the KRaft quorum. add-controller/remove-controller are declared as
// Kafka declares them (help, usage) but kt's static single-voter quorum cannot change.
import type { Parser4j } from '../../java-compat/argparse4j-subcommands.js';
import { BOOTSTRAP_GROUP, HOST_PORT_LIST, commandConfigConnectionArgs, runAdminTool } from '../admin-common/argparse4j-tool.js';
import { exceptionText } from '../admin-common/connect.js';
import { replicationTable, statusText } from './format.js';

const PROG = 'kafka-metadata-quorum';

/** MetadataQuorumCommand's TerseException: printed without a stack trace. */
class TerseError extends Error {}

export const METADATA_QUORUM_PARSER: Parser4j = {
  prog: PROG,
  description: 'This tool describes kraft metadata quorum status.',
  args: commandConfigConnectionArgs(`${HOST_PORT_LIST} Kafka controllers.`),
  mutex: BOOTSTRAP_GROUP,
  commands: [
    {
      name: 'describe',
      help: 'Describe the metadata quorum info',
      parser: {
        prog: PROG,
        args: [
          { flags: ['--status'], kind: 'flag', titled: 'status', help: 'A short summary of the quorum status and the other provides detailed information about the status of replication.' },
          { flags: ['--replication'], kind: 'flag', titled: 'replication', help: 'Detailed information about the status of replication' },
          { flags: ['--human-readable'], kind: 'flag', titled: 'replication', help: 'Human-readable output' },
        ],
        titled: [
          { name: 'status', title: 'Status' },
          { name: 'replication', title: 'Replication' },
        ],
      },
    },
    {
      name: 'add-controller',
      help: 'Add a controller to the KRaft controller cluster',
      parser: { prog: PROG, args: [{ flags: ['--dry-run'], kind: 'flag', help: 'True if we should print what would be done, but not do it.' }] },
    },
    {
      name: 'remove-controller',
      help: 'Remove a controller from the KRaft controller cluster',
      parser: {
        prog: PROG,
        args: [
          { flags: ['--controller-id', '-i'], type: 'Integer', required: true, help: 'The id of the controller to remove.' },
          { flags: ['--controller-directory-id', '-d'], required: true, help: 'The directory ID of the controller to remove.' },
          { flags: ['--dry-run'], kind: 'flag', help: 'True if we should print what would be done, but not do it.' },
        ],
      },
    },
  ],
};

export async function runMetadataQuorum(argv: readonly string[]): Promise<number> {
  const tool = { parser: METADATA_QUORUM_PARSER, helpExitCode: 0, configDest: 'command_config', failureText: (e: unknown) => (e instanceof TerseError ? e.message : exceptionText(e)) };
  return runAdminTool(argv, tool, async ({ command, values, configFile, connect }) => {
    if (configFile !== undefined) {
      const { existsSync } = await import('node:fs');
      if (!existsSync(configFile)) throw new TerseError(`Properties file ${configFile} does not exists!`);
    }
    if (command !== 'describe') {
      // kt's quorum is one static voter (kraft.version 0): Kafka's controller refuses these too.
      throw new TerseError(`${command} is not supported by kt: its metadata quorum is a single static voter (kraft.version 0).`);
    }
    const status = values.get('status') === true;
    const replication = values.get('replication') === true;
    if (status && replication) throw new TerseError('Only one of --status or --replication should be specified with describe sub-command');
    if (values.get('human_readable') === true && !replication) throw new TerseError('The option --human-readable is only supported along with --replication');
    if (!status && !replication) throw new TerseError('One of --status or --replication must be specified with describe sub-command');
    const client = await connect();
    const { describeQuorum } = await import('../../client/admin/quorum.js');
    const quorum = await describeQuorum(client);
    if (status) {
      const { describeClusterId } = await import('../../client/admin/cluster.js');
      process.stdout.write(statusText((await describeClusterId(client)) ?? '', quorum));
    } else {
      process.stdout.write(replicationTable(quorum, values.get('human_readable') === true, Date.now()));
    }
    return 0;
  });
}
