// Admin.describeFeatures() (the features an ApiVersions response carries) and
// Admin.updateFeatures() (UpdateFeatures), as kafka-features uses them.
import { ApiKey } from '../../protocol/api.js';
import { ErrorCode } from '../../protocol/errors.js';
import { ktVersion } from '../../common/version.js';
import { apiError, type AdminClient } from '../admin-client.js';

export interface FeatureMetadata {
  readonly supported: ReadonlyArray<{ readonly name: string; readonly minVersion: number; readonly maxVersion: number }>;
  readonly finalized: ReadonlyMap<string, number>;
  /** -1 when the broker sent none. */
  readonly finalizedEpoch: bigint;
}

export async function describeFeatures(client: AdminClient): Promise<FeatureMetadata> {
  const response = await client.send(ApiKey.ApiVersions, { clientSoftwareName: 'kt', clientSoftwareVersion: ktVersion() }, 3);
  if (response.errorCode !== ErrorCode.NONE) throw apiError(response.errorCode, null);
  return {
    supported: response.supportedFeatures.map((f) => ({ name: f.name, minVersion: f.minVersion, maxVersion: f.maxVersion })),
    finalized: new Map(response.finalizedFeatures.map((f) => [f.name, f.maxVersionLevel])),
    finalizedEpoch: response.finalizedFeaturesEpoch,
  };
}

/** FeatureUpdate.UpgradeType. */
export const UpgradeType = { UPGRADE: 1, SAFE_DOWNGRADE: 2, UNSAFE_DOWNGRADE: 3 } as const;

export interface FeatureUpdate {
  readonly maxVersionLevel: number;
  readonly upgradeType: number;
}

/** Each feature's outcome: null on success, else the error message Java's future fails with. */
export async function updateFeatures(client: AdminClient, updates: ReadonlyMap<string, FeatureUpdate>, validateOnly: boolean): Promise<Map<string, string | null>> {
  const response = await client.send(ApiKey.UpdateFeatures, {
    timeoutMs: 60_000,
    validateOnly,
    featureUpdates: [...updates].map(([feature, u]) => ({
      feature,
      maxVersionLevel: u.maxVersionLevel,
      upgradeType: u.upgradeType,
      allowDowngrade: u.upgradeType !== UpgradeType.UPGRADE,
    })),
  });
  const outcome = new Map<string, string | null>();
  const topLevel = response.errorCode !== ErrorCode.NONE ? apiError(response.errorCode, response.errorMessage).message : null;
  for (const feature of updates.keys()) {
    const result = response.results.find((r) => r.feature === feature);
    if (topLevel !== null) outcome.set(feature, topLevel);
    else if (result !== undefined && result.errorCode !== ErrorCode.NONE) outcome.set(feature, apiError(result.errorCode, result.errorMessage).message);
    else outcome.set(feature, null);
  }
  return outcome;
}
