import { describe, expect, it } from 'vitest';
import { ERROR_INFO, ErrorCode, ProtocolError, errorMessage, errorName, isRetriable } from '../../src/protocol/errors.js';

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

  it('ProtocolError carries a Kafka error code, INVALID_REQUEST by default', () => {
    const e = new ProtocolError('bad');
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('ProtocolError');
    expect(e.errorCode).toBe(42);
    expect(new ProtocolError('old', ErrorCode.UNSUPPORTED_VERSION).errorCode).toBe(35);
  });
});
