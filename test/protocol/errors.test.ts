import { describe, expect, it } from 'vitest';
import { ERROR_INFO, ErrorCode, KafkaError, ProtocolError, asKafkaError, errorMessage, errorName, isRetriable } from '../../src/protocol/errors.js';

describe('error codes', () => {
  it('has every code from errors.tsv (-1..128) under Kafka\'s names', () => {
    expect(ERROR_INFO).toHaveLength(130);
    expect(ERROR_INFO.map((e) => e.code)).toEqual(Array.from({ length: 130 }, (_, i) => i - 1));
    expect(ErrorCode.NONE).toBe(0);
    expect(ErrorCode.UNKNOWN_SERVER_ERROR).toBe(-1);
    expect(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION).toBe(3);
    expect(ErrorCode.UNSUPPORTED_VERSION).toBe(35);
    expect(ErrorCode.INVALID_REQUEST).toBe(42);
  });

  it('names, messages and retriability by code', () => {
    expect(errorName(3)).toBe('UNKNOWN_TOPIC_OR_PARTITION');
    expect(errorName(9999)).toBe('UNKNOWN_ERROR_CODE_9999');
    expect(isRetriable(ErrorCode.NOT_LEADER_OR_FOLLOWER)).toBe(true);
    expect(isRetriable(ErrorCode.TOPIC_AUTHORIZATION_FAILED)).toBe(false);
    expect(errorMessage(0)).toBe('Success; no error');
  });

  it('KafkaError carries the code, Kafka\'s name, retriability and the table\'s message by default', () => {
    const e = new KafkaError(ErrorCode.NOT_LEADER_OR_FOLLOWER);
    expect(e).toBeInstanceOf(Error);
    expect([e.code, e.name, e.errorName, e.retriable]).toEqual([6, 'NOT_LEADER_OR_FOLLOWER', 'NOT_LEADER_OR_FOLLOWER', true]);
    expect(e.message).toBe(errorMessage(6));
    expect(e.detail).toBeNull();
    const specific = new KafkaError(ErrorCode.POLICY_VIOLATION, 'no deletes here');
    expect([specific.message, specific.detail, specific.retriable]).toEqual(['no deletes here', 'no deletes here', false]);
  });

  it('ProtocolError is a KafkaError, INVALID_REQUEST by default', () => {
    const e = new ProtocolError('bad');
    expect(e).toBeInstanceOf(KafkaError);
    expect(e.name).toBe('ProtocolError');
    expect([e.code, e.errorName]).toEqual([42, 'INVALID_REQUEST']);
    expect(new ProtocolError('old', ErrorCode.UNSUPPORTED_VERSION).code).toBe(35);
  });

  it('asKafkaError keeps a KafkaError and turns anything else into UNKNOWN_SERVER_ERROR (Errors.forException)', () => {
    const known = new KafkaError(ErrorCode.KAFKA_STORAGE_ERROR, 'disk gone');
    expect(asKafkaError(known)).toBe(known);
    const boom = new TypeError('x is undefined');
    const wrapped = asKafkaError(boom);
    expect([wrapped.code, wrapped.detail, wrapped.cause]).toEqual([-1, null, boom]);
    expect(asKafkaError('a string').code).toBe(-1);
  });
});
