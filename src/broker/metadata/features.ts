// Feature versioning (KIP-584/778/1022): the feature levels this node supports and has finalized,
// as ApiVersions advertises them and UpdateFeatures changes them.
//
// Supported ranges are those of a Kafka 4.0 broker/controller without unstable versions enabled,
// so tools and clients see a 4.0 node. Finalized levels are what kt really implements, so a client
// never turns on a protocol kt does not speak:
//   metadata.version 25 (4.0-IV3)  4.0's latest production level, what a fresh 4.0 node runs at.
//   kraft.version 0                 a static quorum (KIP-853 dynamic voters need AddRaftVoter /
//                                   RemoveRaftVoter, which kt does not serve).
//   group.version 0                 no KIP-848 consumer protocol (ConsumerGroupHeartbeat).
//   transaction.version 0           transactions v1 (KIP-98): clients add partitions with
//                                   AddPartitionsToTxn and end with EndTxn v0-4; v2 (KIP-890
//                                   part 2, EndTxn v5) is unstable in this Kafka's schemas.
//   eligible.leader.replicas.version 0   as on a fresh 4.0 node (ELR is opt-in there).
// A feature at level 0 is not finalized: ApiVersions leaves it out, as Kafka does.

/** A Kafka 4.0 metadata.version level: its release name and whether it changed the metadata format. */
interface MetadataVersionInfo {
  readonly name: string;
  /** MetadataVersion.didMetadataChange: downgrading past it could lose metadata. */
  readonly metadataChanged: boolean;
}

/** Kafka 4.0's metadata.version levels, 3.3-IV3 (its minimum) to 4.0-IV3 (its latest production). */
const METADATA_VERSIONS: ReadonlyMap<number, MetadataVersionInfo> = new Map(
  (
    [
      [7, '3.3-IV3', true],
      [8, '3.4-IV0', true],
      [9, '3.5-IV0', false],
      [10, '3.5-IV1', false],
      [11, '3.5-IV2', true],
      [12, '3.6-IV0', false],
      [13, '3.6-IV1', true],
      [14, '3.6-IV2', true],
      [15, '3.7-IV0', true],
      [16, '3.7-IV1', false],
      [17, '3.7-IV2', true],
      [18, '3.7-IV3', false],
      [19, '3.7-IV4', false],
      [20, '3.8-IV0', false],
      [21, '3.9-IV0', false],
      [22, '4.0-IV0', false],
      [23, '4.0-IV1', true],
      [24, '4.0-IV2', false],
      [25, '4.0-IV3', false],
    ] as const
  ).map(([level, name, metadataChanged]) => [level, { name, metadataChanged }]),
);

export const METADATA_VERSION = 'metadata.version';
/** 4.0-IV3. */
export const METADATA_VERSION_LEVEL = 25;
/** 3.3-IV3: Kafka 4.0 supports nothing older. */
const MINIMUM_METADATA_VERSION_LEVEL = 7;

export interface FeatureRange {
  readonly name: string;
  readonly minVersion: number;
  readonly maxVersion: number;
}

/** What ApiVersions v3+ lists as SupportedFeatures (sorted by name; Kafka sends a hash map's order). */
export const SUPPORTED_FEATURES: readonly FeatureRange[] = [
  { name: 'eligible.leader.replicas.version', minVersion: 0, maxVersion: 1 },
  { name: 'group.version', minVersion: 0, maxVersion: 1 },
  { name: 'kraft.version', minVersion: 0, maxVersion: 1 },
  { name: METADATA_VERSION, minVersion: MINIMUM_METADATA_VERSION_LEVEL, maxVersion: METADATA_VERSION_LEVEL },
  { name: 'transaction.version', minVersion: 0, maxVersion: 2 },
];

/** Every feature's finalized level (0 = not finalized). kt cannot change any of them (see below). */
const FINALIZED_LEVELS: ReadonlyMap<string, number> = new Map([[METADATA_VERSION, METADATA_VERSION_LEVEL]]);

export function finalizedLevel(feature: string): number {
  return FINALIZED_LEVELS.get(feature) ?? 0;
}

/** The finalized features ApiVersions lists: those above level 0. */
export function finalizedFeatures(): Array<{ name: string; level: number }> {
  return [...FINALIZED_LEVELS].filter(([, level]) => level > 0).map(([name, level]) => ({ name, level }));
}

/**
 * Feature levels other features need (Kafka's FeatureVersion.dependencies), beyond the rule that
 * any level >= 1 needs metadata.version 4: kraft.version 1 needs 3.9-IV0.
 */
const DEPENDENCIES: ReadonlyMap<string, ReadonlyMap<number, readonly [string, number]>> = new Map([['kraft.version', new Map([[1, [METADATA_VERSION, 21] as const]])]]);

export const UpgradeType = { Upgrade: 1, SafeDowngrade: 2, UnsafeDowngrade: 3 } as const;

export interface FeatureUpdate {
  readonly feature: string;
  readonly level: number;
  readonly upgradeType: number;
}

/**
 * Checks one update as Kafka's controller does (FeatureControlManager.updateFeature), with the
 * proposed levels of the whole request for dependency checks. Returns the error message, or null
 * when the update is valid. `nodeId` names the "local controller" in Kafka's wording.
 */
export function invalidUpdateReason(update: FeatureUpdate, proposed: ReadonlyMap<string, number>, nodeId: number): string | null {
  const { feature, level, upgradeType } = update;
  const invalid = (why: string) => `Invalid update version ${level} for feature ${feature}. ${why}`;
  if (upgradeType !== UpgradeType.Upgrade && upgradeType !== UpgradeType.SafeDowngrade && upgradeType !== UpgradeType.UnsafeDowngrade) {
    return invalid('The controller does not support the given upgrade type.');
  }
  if (level < 0) return invalid('A feature version cannot be less than 0.');
  const range = SUPPORTED_FEATURES.find((f) => f.name === feature) ?? { minVersion: 0, maxVersion: 0 };
  if (level < range.minVersion || level > range.maxVersion) {
    // Kafka's VersionRange text: "7-25", or a single number when min = max.
    const text = range.minVersion === range.maxVersion ? `${range.minVersion}` : `${range.minVersion}-${range.maxVersion}`;
    return invalid(range.maxVersion === 0 ? `Local controller ${nodeId} does not support this feature.` : `Local controller ${nodeId} only supports versions ${text}`);
  }
  const current = finalizedLevel(feature);
  if (level < current && upgradeType === UpgradeType.Upgrade) {
    return invalid("Can't downgrade the version of this feature without setting the upgrade type to either safe or unsafe downgrade.");
  }
  if (level > current && upgradeType !== UpgradeType.Upgrade) return invalid("Can't downgrade to a newer version.");
  if (feature === METADATA_VERSION) {
    if (level < current && metadataChangedBetween(level, current)) {
      const why = upgradeType === UpgradeType.UnsafeDowngrade
        ? 'Unsafe metadata downgrade is not supported in this version.'
        : 'Refusing to perform the requested downgrade because it might delete metadata information.';
      return `Invalid metadata.version ${level}. ${why}`;
    }
    return null;
  }
  // Kafka looks the feature up by name here; an unknown one (only reachable at level 0) fails.
  if (!SUPPORTED_FEATURES.some((f) => f.name === feature)) return invalid(`Feature ${feature} not found.`);
  const metadataVersion = proposed.get(METADATA_VERSION) ?? 0;
  if (level >= 1 && metadataVersion < 4) {
    return invalid(`${feature} could not be set to ${level} because it depends on metadata.version=4 (3.3-IV0)`);
  }
  const dependency = DEPENDENCIES.get(feature)?.get(level);
  if (dependency && (proposed.get(dependency[0]) ?? 0) < dependency[1]) {
    return invalid(`${feature} could not be set to ${level} because it depends on ${dependency[0]} level ${dependency[1]}`);
  }
  return null;
}

/** Whether any level in (target, source] changed the metadata format (MetadataVersion.checkIfMetadataChanged). */
function metadataChangedBetween(target: number, source: number): boolean {
  for (let level = source; level > target; level--) {
    if (METADATA_VERSIONS.get(level)?.metadataChanged) return true;
  }
  return false;
}

/**
 * kt's own refusal, after Kafka's checks pass: every finalized level is fixed by what kt
 * implements, so only an update to the current level (a no-op) can succeed. Kafka would record
 * the change; kt answers with Kafka's error code rather than claim a level it does not honour.
 */
export function unappliableUpdateReason(update: FeatureUpdate): string | null {
  const current = finalizedLevel(update.feature);
  if (update.level === current) return null;
  const currentText = update.feature === METADATA_VERSION ? `${current} (${METADATA_VERSIONS.get(current)!.name})` : `${current}`;
  return `Invalid update version ${update.level} for feature ${update.feature}. kt implements ${update.feature} ${currentText} only and cannot change it.`;
}
