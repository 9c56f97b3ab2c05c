// ApiVersions (18): the APIs this broker serves, derived from the handler registry.
import { ApiKey } from '../../protocol/api.js';
import { ErrorCode } from '../../protocol/errors.js';
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
    return { errorCode: ErrorCode.NONE, apiKeys, throttleTimeMs: 0 };
  },
  errorResponse(_req, error) {
    // KIP-511: an UNSUPPORTED_VERSION answer names the ApiVersions versions this broker serves.
    const apiKeys = error.code === ErrorCode.UNSUPPORTED_VERSION ? [{ apiKey: ApiKey.ApiVersions, minVersion: MIN_VERSION, maxVersion: MAX_VERSION }] : [];
    return { throttleTimeMs: 0, errorCode: error.code, apiKeys };
  },
});
