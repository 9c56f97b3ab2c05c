// kt features = kafka-features.sh (FeatureCommand): describe the cluster's feature flags, upgrade,
// downgrade or disable them (UpdateFeatures), and look up release mappings and dependencies.
import { runAdminTool } from '../admin-common/argparse4j-tool.js';
import { FEATURES_PARSER } from './options.js';
import { describeText, featureDependencies, updatesFromArgs, versionMapping } from './commands.js';

/** FeatureCommand prints every failure as its message alone (no stack trace). */
export async function runFeatures(argv: readonly string[]): Promise<number> {
  return runAdminTool(argv, { parser: FEATURES_PARSER, helpExitCode: 1, configDest: 'command_config' }, async ({ command, values, connect }) => {
    const client = await connect();
    if (command === 'describe') {
      const { describeFeatures } = await import('../../client/admin/features.js');
      process.stdout.write(describeText(await describeFeatures(client)));
      return 0;
    }
    if (command === 'version-mapping') {
      process.stdout.write(versionMapping(values.get('release_version') as string | undefined));
      return 0;
    }
    if (command === 'feature-dependencies') {
      // Lines already found are printed before a later feature fails, as Kafka does.
      return featureDependencies(values.get('feature') as string[], (line) => process.stdout.write(line));
    }
    const { updateFeatures } = await import('../../client/admin/features.js');
    const op = command as 'upgrade' | 'downgrade' | 'disable';
    const updates = updatesFromArgs(op, values, (line) => process.stdout.write(line));
    const dryRun = values.get('dry_run') === true;
    const outcome = await updateFeatures(client, updates, dryRun);
    let failed = 0;
    const past = op === 'disable' ? 'disabled' : `${op}d`;
    for (const feature of [...updates.keys()].sort()) {
      const level = updates.get(feature)!.maxVersionLevel;
      const error = outcome.get(feature) ?? null;
      const target = op === 'disable' ? '' : ` to ${level}`;
      if (error === null) process.stdout.write(dryRun ? `${feature} can be ${past}${target}.\n` : `${feature} was ${past}${target}.\n`);
      else {
        failed++;
        process.stdout.write(`${dryRun ? 'Can not' : 'Could not'} ${op} ${feature}${target}. ${error}\n`);
      }
    }
    if (failed > 0) {
      process.stderr.write(`${failed} out of ${updates.size} operation(s) failed.\n`);
      return 1;
    }
    return 0;
  });
}
