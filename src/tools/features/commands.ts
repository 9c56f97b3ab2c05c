// kafka-features' sub-commands that need no broker, its describe text, and how upgrade /
// downgrade / disable turn their flags into feature updates (FeatureCommand).
import type { FeatureMetadata, FeatureUpdate } from '../../client/admin/features.js';
import type { Value4j } from '../../java-compat/argparse4j-subcommands.js';
import {
  LATEST_PRODUCTION_LEVEL,
  METADATA_VERSION,
  PRODUCTION_FEATURES,
  defaultLevel,
  listedMetadataVersions,
  metadataVersionLevel,
  metadataVersionName,
} from './versions.js';

const UPGRADE = 1;
const SAFE_DOWNGRADE = 2;
const UNSAFE_DOWNGRADE = 3;

function levelText(feature: string, level: number): string {
  if (feature !== METADATA_VERSION) return String(level);
  return metadataVersionName(level) ?? `UNKNOWN ${level}`;
}

export function describeText(features: FeatureMetadata): string {
  const epoch = features.finalizedEpoch < 0n ? '-' : String(features.finalizedEpoch);
  return [...features.supported]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((f) => {
      const finalized = features.finalized.get(f.name) ?? 0;
      return (
        `Feature: ${f.name}\tSupportedMinVersion: ${levelText(f.name, f.minVersion)}\tSupportedMaxVersion: ${levelText(f.name, f.maxVersion)}\t` +
        `FinalizedVersionLevel: ${levelText(f.name, finalized)}\tEpoch: ${epoch}\n`
      );
    })
    .join('');
}

function unknownRelease(name: string): Error {
  return new Error(`Unknown release version '${name}'. Supported versions are: ${listedMetadataVersions()[0]} to ${metadataVersionName(LATEST_PRODUCTION_LEVEL)}`);
}

export function versionMapping(release: string | undefined): string {
  const level = release === undefined ? LATEST_PRODUCTION_LEVEL : metadataVersionLevel(release);
  if (level === undefined) throw unknownRelease(release!);
  let out = `${METADATA_VERSION}=${level} (${metadataVersionName(level)})\n`;
  for (const feature of PRODUCTION_FEATURES) out += `${feature.name}=${defaultLevel(feature, level)}\n`;
  return out;
}

function parseFeatureLevel(text: string): [string, number] {
  const eq = text.indexOf('=');
  if (eq < 0) throw new Error(`Can't parse feature=level string ${text}: equals sign not found.`);
  const name = text.slice(0, eq).trim();
  const raw = text.slice(eq + 1).trim();
  if (!/^[-+]?\d+$/.test(raw) || Number(raw) < -32768 || Number(raw) > 32767) {
    throw new Error(`Can't parse feature=level string ${text}: unable to parse ${raw} as a short.`);
  }
  return [name, Number(raw)];
}

export function featureDependencies(specs: readonly string[], write: (line: string) => void): number {
  for (const spec of specs) {
    const [name, level] = parseFeatureLevel(spec);
    if (name === METADATA_VERSION) {
      const release = metadataVersionName(level);
      if (release === undefined) throw new Error(`Unknown metadata.version ${level}`);
      write(`${name}=${level} (${release}) has no dependencies.\n`);
      continue;
    }
    const feature = PRODUCTION_FEATURES.find((f) => f.name === name);
    if (feature === undefined) throw new Error(`Unknown feature: ${name}`);
    const entry = feature.levels.find((l) => l.level === level);
    if (entry === undefined && level !== 0) throw new Error(`No feature:${name} with feature level ${level}`);
    const requires = entry?.requires ?? [];
    if (requires.length === 0) write(`${name}=${level} has no dependencies.\n`);
    else {
      write(`${name}=${level} requires:\n`);
      for (const [dep, depLevel] of requires) {
        write(dep === METADATA_VERSION ? `    ${dep}=${depLevel} (${metadataVersionName(depLevel)})\n` : `    ${dep}=${depLevel}\n`);
      }
    }
  }
  return 0;
}

/** FeatureCommand's handling of --metadata / --release-version / --feature (and disable's --feature names). */
export function updatesFromArgs(op: 'upgrade' | 'downgrade' | 'disable', values: ReadonlyMap<string, Value4j>, write: (line: string) => void): Map<string, FeatureUpdate> {
  const upgradeType = op === 'upgrade' ? UPGRADE : values.get('unsafe') === true ? UNSAFE_DOWNGRADE : SAFE_DOWNGRADE;
  const levels = new Map<string, number>();
  const features = (values.get('feature') as string[] | undefined) ?? [];
  if (op === 'disable') {
    for (const name of features) {
      if (levels.has(name)) throw new Error(`Feature ${name} was specified more than once.`);
      levels.set(name, 0);
    }
  } else {
    const metadata = values.get('metadata') as string | undefined;
    const release = values.get('release_version') as string | undefined;
    if (release !== undefined && (metadata !== undefined || features.length > 0)) throw new Error('Can not specify `release-version` with other feature flags.');
    if (metadata !== undefined) {
      write(' `metadata` flag is deprecated and may be removed in a future release.\n');
      const level = metadataVersionLevel(metadata);
      if (level === undefined) throw new Error(`Unknown metadata.version ${metadata}. Supported metadata.version are ${listedMetadataVersions().join(', ')}`);
      levels.set(METADATA_VERSION, level);
    }
    if (release !== undefined) {
      const level = metadataVersionLevel(release);
      if (level === undefined) throw new Error(`Unknown metadata.version ${release}. Supported metadata.version are ${listedMetadataVersions().join(', ')}`);
      levels.set(METADATA_VERSION, level);
      for (const feature of PRODUCTION_FEATURES) {
        const value = defaultLevel(feature, level);
        // An upgrade leaves out features whose level for the release is 0.
        if (op === 'downgrade' || value > 0) levels.set(feature.name, value);
      }
    }
    for (const spec of features) {
      const [name, level] = parseFeatureLevel(spec);
      if (levels.has(name)) throw new Error(`Feature ${name} was specified more than once.`);
      levels.set(name, level);
    }
  }
  if (levels.size === 0) throw new Error(`You must specify at least one feature to ${op}`);
  const updates = new Map<string, FeatureUpdate>();
  for (const [name, level] of levels) {
    // Java's FeatureUpdate constructor.
    if (level < 1 && upgradeType === UPGRADE) {
      throw new Error(`The upgradeType flag should be set to SAFE_DOWNGRADE or UNSAFE_DOWNGRADE when the provided maxVersionLevel:${level} is < 1.`);
    }
    updates.set(name, { maxVersionLevel: level, upgradeType });
  }
  return updates;
}
