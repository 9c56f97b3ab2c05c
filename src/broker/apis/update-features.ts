// UpdateFeatures (57): upgrade, downgrade or validate finalized feature levels, answered as a
// KRaft controller does: every update is checked in the order of the controller's hash map and the
// first failure fails the whole request (top-level INVALID_UPDATE_VERSION, no per-feature
// results). kt's finalized levels are fixed by what it implements (src/broker/metadata/features.ts),
// so an update that passes Kafka's checks still fails unless it keeps the level it names.
import { ApiKey } from '../../protocol/api.js';
import { ErrorCode } from '../../protocol/errors.js';
import { javaHashMapOrder } from '../java-hash-order.js';
import { finalizedLevel, invalidUpdateReason, METADATA_VERSION, SUPPORTED_FEATURES, unappliableUpdateReason, UpgradeType, type FeatureUpdate } from '../metadata/features.js';
import { defineHandler } from './handler.js';

const FAILED_PREFIX = 'The update failed for all features since the following feature had an error: ';

export default defineHandler({
  apiKey: ApiKey.UpdateFeatures,
  minVersion: 0,
  maxVersion: 2,
  handle(ctx, req) {
    // Later updates of the same feature replace earlier ones, as in the controller's maps. v0's
    // AllowDowngrade is not consulted by a KRaft controller: v0 updates are plain upgrades.
    const updates = new Map<string, FeatureUpdate>();
    for (const u of req.featureUpdates) {
      updates.set(u.feature, { feature: u.feature, level: u.maxVersionLevel, upgradeType: ctx.apiVersion === 0 ? UpgradeType.Upgrade : u.upgradeType });
    }
    const proposed = new Map<string, number>(SUPPORTED_FEATURES.map((f) => [f.name, finalizedLevel(f.name)]));
    proposed.set(METADATA_VERSION, finalizedLevel(METADATA_VERSION));
    for (const u of updates.values()) proposed.set(u.feature, u.level);
    const ordered = javaHashMapOrder(updates.keys()).map((name) => updates.get(name)!);
    // Kafka's own checks first, so that whatever Kafka would refuse is refused in Kafka's words.
    const reason =
      firstReason(ordered, (u) => invalidUpdateReason(u, proposed, ctx.broker.nodeId)) ?? firstReason(ordered, unappliableUpdateReason);
    if (reason !== null) {
      return { throttleTimeMs: 0, errorCode: ErrorCode.INVALID_UPDATE_VERSION, errorMessage: FAILED_PREFIX + reason, results: [] };
    }
    // Success: v0/v1 list every update in request order with NONE and Errors.NONE's text "NONE".
    const results = ctx.apiVersion <= 1 ? req.featureUpdates.map((u) => ({ feature: u.feature, errorCode: ErrorCode.NONE, errorMessage: 'NONE' })) : [];
    return { throttleTimeMs: 0, errorCode: ErrorCode.NONE, errorMessage: null, results };
  },
  errorResponse(_req, error) {
    return { throttleTimeMs: 0, errorCode: error.code, errorMessage: error.message, results: [] };
  },
});

function firstReason(updates: readonly FeatureUpdate[], check: (u: FeatureUpdate) => string | null): string | null {
  for (const u of updates) {
    const reason = check(u);
    if (reason !== null) return reason;
  }
  return null;
}
