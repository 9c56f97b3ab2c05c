// ApiVersions (18): the APIs this broker serves, derived from the handler registry, and (v3+,
// tagged fields) the supported and finalized feature levels (src/broker/metadata/features.ts).
import { ApiKey } from '../../protocol/api.js';
import { ErrorCode } from '../../protocol/errors.js';
import { finalizedFeatures, SUPPORTED_FEATURES } from '../metadata/features.js';
import type { Broker } from '../broker.js';
import { defineHandler } from './handler.js';

// Java brokers check ClientSoftwareName/Version against this pattern (KIP-511).
const SOFTWARE_PATTERN = /^[a-zA-Z0-9](?:[a-zA-Z0-9\-.]*[a-zA-Z0-9])?$/;

const MIN_VERSION = 0;
const MAX_VERSION = 4;

export default defineHandler({
  apiKey: ApiKey.ApiVersions,
  minVersion: MIN_VERSION,
  maxVersion: MAX_VERSION,
  handle(ctx, req) {
    const apiKeys = ctx.broker.apis.all().map((a) => ({ apiKey: a.apiKey, minVersion: a.minVersion, maxVersion: a.maxVersion }));
    if (ctx.apiVersion >= 3 && (!SOFTWARE_PATTERN.test(req.clientSoftwareName) || !SOFTWARE_PATTERN.test(req.clientSoftwareVersion))) {
      return { errorCode: ErrorCode.INVALID_REQUEST, apiKeys };
    }
    return { errorCode: ErrorCode.NONE, apiKeys, throttleTimeMs: 0, ...features(ctx.broker, ctx.apiVersion) };
  },
  errorResponse(_req, error) {
    // KIP-511: an UNSUPPORTED_VERSION answer names the ApiVersions versions this broker serves.
    const apiKeys = error.code === ErrorCode.UNSUPPORTED_VERSION ? [{ apiKey: ApiKey.ApiVersions, minVersion: MIN_VERSION, maxVersion: MAX_VERSION }] : [];
    return { throttleTimeMs: 0, errorCode: error.code, apiKeys };
  },
});

/**
 * The feature fields. Below v4 Kafka leaves out every supported feature whose minimum is 0, which
 * older clients cannot read (KAFKA-17492); finalized levels of 0 are never listed. The epoch is
 * the offset of the last metadata record, as Kafka reports its metadata image's offset.
 */
function features(broker: Broker, apiVersion: number) {
  return {
    supportedFeatures: SUPPORTED_FEATURES.filter((f) => apiVersion >= 4 || f.minVersion > 0).map((f) => ({ name: f.name, minVersion: f.minVersion, maxVersion: f.maxVersion })),
    finalizedFeatures: finalizedFeatures().map((f) => ({ name: f.name, minVersionLevel: f.level, maxVersionLevel: f.level })),
    finalizedFeaturesEpoch: BigInt(broker.topics.metadataEndOffset - 1),
  };
}
