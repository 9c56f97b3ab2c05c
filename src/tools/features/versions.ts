// What kafka-features knows without a broker (Kafka 4.0.0-SNAPSHOT's MetadataVersion and
// Features): the metadata.version ladder, each production feature's default level for a release,
// and the levels features depend on.

/** metadata.version levels 1.. by release name. */
const METADATA_VERSIONS: readonly string[] = [
  '3.0-IV1', '3.1-IV0', '3.2-IV0', '3.3-IV0', '3.3-IV1', '3.3-IV2', '3.3-IV3', '3.4-IV0',
  '3.5-IV0', '3.5-IV1', '3.5-IV2', '3.6-IV0', '3.6-IV1', '3.6-IV2', '3.7-IV0', '3.7-IV1',
  '3.7-IV2', '3.7-IV3', '3.7-IV4', '3.8-IV0', '3.9-IV0', '4.0-IV0', '4.0-IV1', '4.0-IV2', '4.0-IV3',
];
/** 4.0-IV0: MetadataVersion.LATEST_PRODUCTION. */
export const LATEST_PRODUCTION_LEVEL = 22;
/** 3.3-IV0: the oldest version the tool lists as supported. */
const MINIMUM_LISTED_LEVEL = 4;

export const METADATA_VERSION = 'metadata.version';

export function metadataVersionName(level: number): string | undefined {
  return METADATA_VERSIONS[level - 1];
}

export function metadataVersionLevel(name: string): number | undefined {
  const i = METADATA_VERSIONS.indexOf(name);
  return i < 0 ? undefined : i + 1;
}

/** The versions named in "Supported metadata.version are ..." (3.3-IV0 to latest production). */
export function listedMetadataVersions(): string[] {
  return METADATA_VERSIONS.slice(MINIMUM_LISTED_LEVEL - 1, LATEST_PRODUCTION_LEVEL);
}

interface ProductionFeature {
  readonly name: string;
  /** Each level >= 1 with the metadata.version it becomes the default at, and its dependencies. */
  readonly levels: ReadonlyArray<{ readonly level: number; readonly bootstrapAt: number; readonly requires: ReadonlyArray<readonly [string, number]> }>;
}

/** Features.PRODUCTION_FEATURES, in the order version-mapping prints them. */
export const PRODUCTION_FEATURES: readonly ProductionFeature[] = [
  { name: 'kraft.version', levels: [{ level: 1, bootstrapAt: 21, requires: [[METADATA_VERSION, 21]] }] },
  {
    name: 'transaction.version',
    levels: [
      { level: 1, bootstrapAt: 24, requires: [] },
      { level: 2, bootstrapAt: 24, requires: [] },
    ],
  },
  { name: 'group.version', levels: [{ level: 1, bootstrapAt: 22, requires: [] }] },
];

/** A feature's default level at a metadata.version (Features.defaultValue). */
export function defaultLevel(feature: ProductionFeature, metadataLevel: number): number {
  let level = 0;
  for (const l of feature.levels) if (metadataLevel >= l.bootstrapAt) level = l.level;
  return level;
}
