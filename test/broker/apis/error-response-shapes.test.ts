// Every handler's declared error response, for a sample request at every version it serves:
// it encodes, and every error code in it is the one the request failed with (Kafka's
// getErrorResponse never mixes in another code). The wire-level tests that force handlers to
// throw are in test/broker/network/error-responses.test.ts.
import { describe, expect, it } from 'vitest';
import { ApiKey, decodeResponse, encodeResponse, type RequestMap } from '../../../src/protocol/api.js';
import { ErrorCode, KafkaError } from '../../../src/protocol/errors.js';
import { MESSAGE_DESCRIPTORS } from '../../../src/protocol/generated/descriptors.js';
import { ALL_HANDLERS } from '../../../src/broker/apis/index.js';
import { ApiError } from '../../../src/broker/apis/api-error.js';
import { CLOSE_CONNECTION, type ApiHandler } from '../../../src/broker/apis/handler.js';
import { HandlerRegistry } from '../../../src/broker/apis/registry.js';
import type { StructDescriptor } from '../../../src/protocol/codec-types.js';
import { inRange, sampleStruct, type Variant } from '../../protocol/helpers/samples.js';

const registry = new HandlerRegistry(ALL_HANDLERS);

/** Every value of field `key` anywhere in a decoded message, among the fields `version` has. */
function collect(fields: StructDescriptor, value: Record<string, unknown>, version: number, key: string, out: unknown[] = []): unknown[] {
  for (const f of fields) {
    if (!inRange(f.v, version)) continue; // decoded as its default, not sent
    const v = value[f.n];
    if (f.n === key) out.push(v);
    if (f.s && v !== null) for (const element of Array.isArray(v) ? v : [v]) collect(f.s, element as Record<string, unknown>, version, key, out);
  }
  return out;
}

const cases = registry.all().flatMap((api) =>
  Array.from({ length: api.maxVersion - api.minVersion + 1 }, (_, i) => api.minVersion + i).flatMap((version) =>
    (['full', 'nulls'] as Variant[]).map((variant) => [api.name, version, variant, api] as const),
  ),
);

const failures = [
  ['an unexpected error', ApiError.from(new Error('internal detail')), ErrorCode.UNKNOWN_SERVER_ERROR, null],
  ['a KafkaError with its own message', ApiError.from(new KafkaError(ErrorCode.KAFKA_STORAGE_ERROR, 'disk gone')), ErrorCode.KAFKA_STORAGE_ERROR, 'disk gone'],
] as const;

describe.each(failures)('error responses to %s', (_what, error, code, message) => {
  it.each(cases)('%s v%i (%s request)', (name, version, variant, api) => {
    const request = sampleStruct(MESSAGE_DESCRIPTORS[`${name}Request`]!.fields, version, variant) as RequestMap[ApiKey];
    if (api.apiKey === ApiKey.Produce) (request as RequestMap[ApiKey.Produce]).acks = -1;
    const answer = (api.handler as ApiHandler).errorResponse(request as never, error, version);
    expect(answer).not.toBe(CLOSE_CONNECTION);
    const frame = Buffer.concat(encodeResponse(api.apiKey, version, 7, answer as never)).subarray(4);
    const { body } = decodeResponse(api.apiKey, version, frame);
    const fields = MESSAGE_DESCRIPTORS[`${name}Response`]!.fields;
    const present = (key: string) => collect(fields, body as unknown as Record<string, unknown>, version, key);
    // AddPartitionsToTxn names its per-partition code partitionErrorCode.
    const codes = [...present('errorCode'), ...present('partitionErrorCode')];
    expect(new Set(codes)).toEqual(new Set(codes.length === 0 ? [] : [code]));
    // Entries are echoed from a sample request with two of everything; only DescribeLogDirs
    // before v3 has no error code to carry (Kafka answers it with an empty list).
    if (variant === 'full' && !(api.apiKey === ApiKey.DescribeLogDirs && version < 3)) expect(codes.length).toBeGreaterThan(0);
    for (const m of present('errorMessage')) expect([null, message, error.defaultMessage]).toContain(m);
    expect(present('throttleTimeMs').every((t) => t === 0)).toBe(true);
  });
});

describe('ApiError (Kafka\'s ApiError.fromThrowable)', () => {
  it('never sends the text of an unexpected error, nor a message that only repeats the code\'s default', () => {
    expect(ApiError.from(new Error('secret path /etc/x'))).toMatchObject({ code: -1, message: null });
    expect(ApiError.from(new KafkaError(ErrorCode.POLICY_VIOLATION, 'Request parameters do not satisfy the configured policy.'))).toMatchObject({ code: 44, message: null });
    expect(ApiError.from(new KafkaError(ErrorCode.POLICY_VIOLATION))).toMatchObject({ code: 44, message: null });
    expect(ApiError.from(new KafkaError(ErrorCode.POLICY_VIOLATION, 'no'))).toMatchObject({ code: 44, message: 'no' });
    expect(ApiError.from(new Error('x')).defaultMessage).toBe('The server experienced an unexpected error when processing the request.');
  });

  it('Produce with acks=0 has no error response: Kafka closes the connection', () => {
    const produce = registry.get(ApiKey.Produce)!.handler as ApiHandler<ApiKey.Produce>;
    const request = sampleStruct(MESSAGE_DESCRIPTORS.ProduceRequest!.fields, 9, 'full') as unknown as RequestMap[ApiKey.Produce];
    expect(produce.errorResponse({ ...request, acks: 0 }, ApiError.from(new Error('x')), 9)).toBe(CLOSE_CONNECTION);
  });
});
