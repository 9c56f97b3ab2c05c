// Entry point of the protocol layer: request/response framing and header versions, and typed
// encode/decode of every API's messages at every version in Kafka's schemas.
import { messageCodec } from './codec.js';
import { ErrorCode, ProtocolError } from './errors.js';
import { API_SCHEMAS, ApiKey, type ApiSchemaInfo, type RequestMap, type ResponseMap } from './generated/api-keys.js';
import { Reader, Writer } from './primitives.js';

export { ApiKey, API_SCHEMAS, type ApiSchemaInfo, type RequestMap, type ResponseMap } from './generated/api-keys.js';
export { ProtocolError, ErrorCode, errorName, errorMessage, isRetriable } from './errors.js';
export type * from './generated/types.js';

export interface RequestHeader {
  apiKey: number;
  apiVersion: number;
  correlationId: number;
  /** Null when the client sent a null id (a broker treats it as ""); also null in header v0. */
  clientId: string | null;
}

type Primitive = string | number | bigint | boolean | null | undefined;

/** Every field optional, recursively; missing fields are encoded as their schema defaults. */
export type DeepPartial<T> = T extends Primitive | Buffer
  ? T
  : T extends ReadonlyArray<infer E>
    ? Array<DeepPartial<E>>
    : { [K in keyof T]?: DeepPartial<T[K]> };

export type RequestInput<K extends ApiKey> = DeepPartial<RequestMap[K]>;
export type ResponseInput<K extends ApiKey> = DeepPartial<ResponseMap[K]>;

/** Version ranges of every API in the schemas (ApiVersions advertises a subset of these). */
export const API_VERSIONS: readonly ApiSchemaInfo[] = API_SCHEMAS;

const BY_KEY: ReadonlyArray<ApiSchemaInfo | undefined> = (() => {
  const out: Array<ApiSchemaInfo | undefined> = [];
  for (const info of API_SCHEMAS) out[info.apiKey] = info;
  return out;
})();

/** Schema info of an API key, or undefined when the key is not one Kafka defines. */
export function apiInfo(apiKey: number): ApiSchemaInfo | undefined {
  return BY_KEY[apiKey];
}

function requireApi(apiKey: number): ApiSchemaInfo {
  const info = BY_KEY[apiKey];
  if (info === undefined) throw new ProtocolError(`unknown api key ${apiKey}`, ErrorCode.INVALID_REQUEST);
  return info;
}

/** Request header version: 2 for flexible API versions, else 1; ControlledShutdown v0 uses 0. */
export function requestHeaderVersion(apiKey: number, apiVersion: number): number {
  if (apiKey === ApiKey.ControlledShutdown && apiVersion === 0) return 0;
  const { flexibleFrom } = requireApi(apiKey);
  return flexibleFrom !== null && apiVersion >= flexibleFrom ? 2 : 1;
}

/** Response header version: 1 for flexible API versions, else 0; ApiVersions always uses 0 (KIP-511). */
export function responseHeaderVersion(apiKey: number, apiVersion: number): number {
  if (apiKey === ApiKey.ApiVersions) return 0;
  const { responseFlexibleFrom } = requireApi(apiKey);
  return responseFlexibleFrom !== null && apiVersion >= responseFlexibleFrom ? 1 : 0;
}

/** Skips a tagged-field section: headers define no tagged fields we use. */
function skipTaggedFields(r: Reader): void {
  const count = r.uvarint();
  for (let i = 0; i < count; i++) {
    r.uvarint(); // tag
    r.skip(r.uvarint());
  }
}

/**
 * Parses the request header of a frame (the bytes after the 4-byte size prefix). The header
 * version follows from api_key and api_version, so this works for versions the schemas do not
 * define (e.g. ApiVersions from a newer client); decodeRequest then rejects those.
 */
export function readRequestHeader(frame: Buffer): { header: RequestHeader; bodyOffset: number } {
  const r = new Reader(frame);
  const apiKey = r.int16();
  const apiVersion = r.int16();
  const correlationId = r.int32();
  const headerVersion = requestHeaderVersion(apiKey, apiVersion);
  // The client id keeps its int16 length even in header v2, so old brokers can read it.
  const clientId = headerVersion >= 1 ? r.nullableString() : null;
  if (headerVersion >= 2) skipTaggedFields(r);
  return { header: { apiKey, apiVersion, correlationId, clientId }, bodyOffset: r.pos };
}

function requestName(apiKey: number): string {
  return `${requireApi(apiKey).name}Request`;
}

function responseName(apiKey: number): string {
  return `${requireApi(apiKey).name}Response`;
}

/** Decodes a request body. Throws ProtocolError (UNSUPPORTED_VERSION for versions outside the schema). */
export function decodeRequest<K extends ApiKey>(apiKey: K, version: number, frame: Buffer, bodyOffset: number): RequestMap[K] {
  const codec = messageCodec(requestName(apiKey), version);
  return codec.read(new Reader(frame, bodyOffset)) as unknown as RequestMap[K];
}

/** Encodes a response frame: the int32 size prefix, the response header, then the body. */
export function encodeResponse<K extends ApiKey>(apiKey: K, version: number, correlationId: number, body: ResponseInput<K>): Buffer[] {
  const codec = messageCodec(responseName(apiKey), version);
  const w = new Writer();
  const size = w.reserveInt32();
  w.int32(correlationId);
  if (responseHeaderVersion(apiKey, version) >= 1) w.uvarint(0);
  codec.write(w, body);
  w.fillInt32(size, w.length - 4);
  return w.finish();
}

/** Encodes a request frame: the int32 size prefix, the request header, then the body. */
export function encodeRequest<K extends ApiKey>(
  apiKey: K,
  version: number,
  correlationId: number,
  clientId: string | null,
  body: RequestInput<K>,
): Buffer[] {
  const codec = messageCodec(requestName(apiKey), version);
  const headerVersion = requestHeaderVersion(apiKey, version);
  const w = new Writer();
  const size = w.reserveInt32();
  w.int16(apiKey);
  w.int16(version);
  w.int32(correlationId);
  if (headerVersion >= 1) w.nullableString(clientId);
  if (headerVersion >= 2) w.uvarint(0);
  codec.write(w, body);
  w.fillInt32(size, w.length - 4);
  return w.finish();
}

/** Decodes a response frame (without its size prefix). */
export function decodeResponse<K extends ApiKey>(apiKey: K, version: number, frame: Buffer): { correlationId: number; body: ResponseMap[K] } {
  const codec = messageCodec(responseName(apiKey), version);
  const r = new Reader(frame);
  const correlationId = r.int32();
  if (responseHeaderVersion(apiKey, version) >= 1) skipTaggedFields(r);
  return { correlationId, body: codec.read(r) as unknown as ResponseMap[K] };
}
