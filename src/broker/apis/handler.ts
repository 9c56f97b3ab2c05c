// The contract between the network layer and the one-file-per-API handlers.
import type { ApiKey, RequestHeader, RequestMap, ResponseInput } from '../../protocol/api.js';
import type { Broker } from '../broker.js';
import type { ApiError } from './api-error.js';

/** Returned by a handler when Kafka sends no response at all (Produce with acks=0). */
export const NO_RESPONSE: unique symbol = Symbol('NO_RESPONSE');
export type NoResponse = typeof NO_RESPONSE;

/**
 * Returned by an error answer when Kafka has none and closes the connection instead
 * (getErrorResponse returning null: Produce with acks=0, whose client learns of errors that way),
 * or by a handler whose request failed where Kafka closes the connection (an acks=0 produce with
 * an error on any partition).
 */
export const CLOSE_CONNECTION: unique symbol = Symbol('CLOSE_CONNECTION');
export type CloseConnection = typeof CLOSE_CONNECTION;

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

export type HandlerResult<K extends ApiKey> = ResponseInput<K> | NoResponse | CloseConnection;
export type ErrorResult<K extends ApiKey> = ResponseInput<K> | CloseConnection;

export interface ApiHandler<K extends ApiKey = ApiKey> {
  readonly apiKey: K;
  /**
   * The versions this handler implements. The registry refuses a range outside the schema's
   * stable versions, and ApiVersions advertises exactly this range.
   */
  readonly minVersion: number;
  readonly maxVersion: number;
  handle(ctx: RequestContext, request: RequestMap[K]): HandlerResult<K> | Promise<HandlerResult<K>>;
  /**
   * The answer to a request whose handling threw (Kafka's AbstractRequest.getErrorResponse): every
   * topic, partition, group or resource the request names, echoed with the error, the top-level
   * error code where Kafka sets one, throttle 0. Must not throw.
   */
  errorResponse(request: RequestMap[K], error: ApiError, apiVersion: number): ErrorResult<K>;
}

/** Identity helper that keeps K inferred in handler files: `export default defineHandler({...})`. */
export function defineHandler<K extends ApiKey>(handler: ApiHandler<K>): ApiHandler<K> {
  return handler;
}
