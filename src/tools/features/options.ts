// kafka-features' argparse4j declaration: global connection options before the sub-command.
import type { Arg4j, Parser4j } from '../../java-compat/argparse4j-subcommands.js';
import { BOOTSTRAP_GROUP, HOST_PORT_LIST, commandConfigConnectionArgs } from '../admin-common/argparse4j-tool.js';

const PROG = 'kafka-features';

const releaseVersion = (verb: string): Arg4j => ({
  flags: ['--release-version'],
  help: `The release version ${verb} all features to. For example, 3.9-IV0 will set metadata.version=21 and kraft.version=1. Use the version-mapping command to learn which features will be set for any given version.`,
});

/** upgrade's and downgrade's arguments: the same ones in the verb's words, downgrade adding --unsafe before --dry-run. */
function changeArgs(verb: 'upgrade' | 'downgrade', releaseVerb: string, metadataExample: string, extra: readonly Arg4j[]): Arg4j[] {
  return [
    { flags: ['--metadata'], help: `DEPRECATED -- The level to which we should ${verb} the metadata. For example, ${metadataExample}.` },
    releaseVersion(releaseVerb),
    { flags: ['--feature'], kind: 'append', help: `A feature ${verb} we should perform, in feature=level format. For example: \`metadata.version=5\`.` },
    ...extra,
    { flags: ['--dry-run'], kind: 'flag', help: `Validate this ${verb}, but do not perform it.` },
  ];
}

export const FEATURES_PARSER: Parser4j = {
  prog: PROG,
  description: 'This tool manages feature flags in Kafka.',
  args: commandConfigConnectionArgs(`${HOST_PORT_LIST} KRaft quorum.`),
  mutex: BOOTSTRAP_GROUP,
  commands: [
    { name: 'describe', help: 'Describes the current active feature flags.', parser: { prog: PROG, args: [] } },
    {
      name: 'upgrade',
      help: 'Upgrade one or more feature flags.',
      parser: { prog: PROG, args: changeArgs('upgrade', 'to update', '3.3-IV3', []) },
    },
    {
      name: 'downgrade',
      // Kafka's own text says "Upgrade" here.
      help: 'Upgrade one or more feature flags.',
      parser: {
        prog: PROG,
        args: changeArgs('downgrade', 'to downgrade', '3.3-IV0', [
          { flags: ['--unsafe'], kind: 'flag', help: 'Perform this downgrade even if it may irreversibly destroy metadata.' },
        ]),
      },
    },
    {
      name: 'disable',
      help: 'Disable one or more feature flags. This is the same as downgrading the version to zero.',
      parser: {
        prog: PROG,
        args: [
          { flags: ['--feature'], kind: 'append', help: 'A feature flag to disable.' },
          { flags: ['--unsafe'], kind: 'flag', help: 'Disable this feature flag even if it may irreversibly destroy metadata.' },
          { flags: ['--dry-run'], kind: 'flag', help: 'Perform a dry-run of this disable operation.' },
        ],
      },
    },
    {
      name: 'version-mapping',
      // Kafka's text has two spaces after --release-version.
      help: 'Look up the corresponding features for a given metadata version. Using the command with no --release-version  argument will return the mapping for the latest stable metadata version',
      parser: {
        prog: PROG,
        args: [
          {
            flags: ['--release-version'],
            help: 'The release version to use for the corresponding feature mapping. The minimum is 3.0-IV0; the default is 4.0-IV0',
          },
        ],
      },
    },
    {
      name: 'feature-dependencies',
      help: 'Look up dependencies for a given feature version. If the feature is not known or the version not yet defined, an error is thrown. Multiple features can be specified.',
      parser: {
        prog: PROG,
        args: [
          {
            flags: ['--feature'],
            kind: 'append',
            required: true,
            help: 'The feature and version to look up dependencies for, in feature=version format. For example: `metadata.version=5`.',
          },
        ],
      },
    },
  ],
};
