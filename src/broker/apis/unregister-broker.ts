// UnregisterBroker (64): the controller removes a broker's registration. The only registered
// broker of a single node is this one; any other id is BROKER_ID_NOT_REGISTERED, without a
// message, as Kafka's controller answers (only the code survives its response).
//
// Unregistering this live broker succeeds, as in Kafka. Kafka's broker would then stay
// unregistered, its partitions without a leader, until it restarts; kt's node is its own
// registration and keeps serving, as if it had registered again at once.
import { ApiKey } from '../../protocol/api.js';
import { ErrorCode } from '../../protocol/errors.js';
import { defineHandler } from './handler.js';

export default defineHandler({
  apiKey: ApiKey.UnregisterBroker,
  minVersion: 0,
  maxVersion: 0,
  handle(ctx, req) {
    const errorCode = req.brokerId === ctx.broker.nodeId ? ErrorCode.NONE : ErrorCode.BROKER_ID_NOT_REGISTERED;
    return { throttleTimeMs: 0, errorCode, errorMessage: null };
  },
  errorResponse(_req, error) {
    // Kafka's error answer carries the code alone.
    return { throttleTimeMs: 0, errorCode: error.code, errorMessage: null };
  },
});
