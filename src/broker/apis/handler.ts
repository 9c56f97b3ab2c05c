// The contract between the network layer and the one-file-per-API handlers.
import type { ApiKey, RequestHeader, RequestMap, ResponseInput } from '../../protocol/api.js';
import type { Broker } from '../broker.js';

/** Returned by a handler when Kafka sends no response at all (Produce with acks=0). */
export const NO_RESPONSE: unique symbol = Symbol('NO_RESPONSE');
export type NoResponse = typeof NO_RESPONSE;

export interface RequestContext {
  readonly broker: Broker;
  readonly header: RequestHeader;
  readonly apiVersion: number;
  /** The request header's client id ('' when null, as Kafka does). */
  readonly clientId: string;
  /** Peer address as Kafka prints it in group descriptions ("/127.0.0.1"). */
  readonly clientHost: string;
  readonly connectionId: number;
}

export type HandlerResult<K extends ApiKey> = ResponseInput<K> | NoResponse;

export interface ApiHandler<K extends ApiKey = ApiKey> {
  readonly apiKey: K;
  /** Narrow the schema's stable version range; ApiVersions advertises the result. */
  readonly minVersion?: number;
  readonly maxVersion?: number;
  handle(ctx: RequestContext, request: RequestMap[K]): HandlerResult<K> | Promise<HandlerResult<K>>;
}

/** Identity helper that keeps K inferred in handler files: `export default defineHandler({...})`. */
export function defineHandler<K extends ApiKey>(handler: ApiHandler<K>): ApiHandler<K> {
  return handler;
}
