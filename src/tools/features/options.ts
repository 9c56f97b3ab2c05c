// kafka-features' argparse4j declaration: global connection options before the sub-command.
import type { Arg4j, Parser4j } from '../../java-compat/argparse4j-subcommands.js';

const PROG = 'kafka-features';

const releaseVersion = (verb: string): Arg4j => ({
  flags: ['--release-version'],
  help: `The release version ${verb} all features to. For example, 3.9-IV0 will set metadata.version=21 and kraft.version=1. Use the version-mapping command to learn which features will be set for any given version.`,
});

export const FEATURES_PARSER: Parser4j = {
  prog: PROG,
  description: 'This tool manages feature flags in Kafka.',
  args: [
    {
      flags: ['--bootstrap-server'],
      mutex: 'bootstrap',
      help: 'A comma-separated list of host:port pairs to use for establishing the connection to the Kafka cluster.',
    },
    {
      flags: ['--bootstrap-controller'],
      mutex: 'bootstrap',
      help: 'A comma-separated list of host:port pairs to use for establishing the connection to the KRaft quorum.',
    },
    { flags: ['--command-config'], help: 'Property file containing configs to be passed to Admin Client.' },
  ],
  mutex: [{ name: 'bootstrap', required: true }],
  commands: [
    { name: 'describe', help: 'Describes the current active feature flags.', parser: { prog: PROG, args: [] } },
    {
      name: 'upgrade',
      help: 'Upgrade one or more feature flags.',
      parser: {
        prog: PROG,
        args: [
          { flags: ['--metadata'], help: 'DEPRECATED -- The level to which we should upgrade the metadata. For example, 3.3-IV3.' },
          releaseVersion('to update'),
          { flags: ['--feature'], kind: 'append', help: 'A feature upgrade we should perform, in feature=level format. For example: `metadata.version=5`.' },
          { flags: ['--dry-run'], kind: 'flag', help: 'Validate this upgrade, but do not perform it.' },
        ],
      },
    },
    {
      name: 'downgrade',
      // Kafka's own text says "Upgrade" here.
      help: 'Upgrade one or more feature flags.',
      parser: {
        prog: PROG,
        args: [
          { flags: ['--metadata'], help: 'DEPRECATED -- The level to which we should downgrade the metadata. For example, 3.3-IV0.' },
          releaseVersion('to downgrade'),
          { flags: ['--feature'], kind: 'append', help: 'A feature downgrade we should perform, in feature=level format. For example: `metadata.version=5`.' },
          { flags: ['--unsafe'], kind: 'flag', help: 'Perform this downgrade even if it may irreversibly destroy metadata.' },
          { flags: ['--dry-run'], kind: 'flag', help: 'Validate this downgrade, but do not perform it.' },
        ],
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
