import { describe, expect, it } from 'vitest';
import { crc32c } from '../../src/storage/crc32c.js';

// Check values from RFC 3720 (iSCSI) appendix B.4 and the usual "123456789" check string.
describe('crc32c', () => {
  it('matches the standard check value', () => {
    expect(crc32c(Buffer.from('123456789'))).toBe(0xe3069283);
  });
  it('matches the RFC 3720 vectors', () => {
    expect(crc32c(Buffer.alloc(32, 0x00))).toBe(0x8a9136aa);
    expect(crc32c(Buffer.alloc(32, 0xff))).toBe(0x62a8ab43);
    expect(crc32c(Buffer.from(Array.from({ length: 32 }, (_, i) => i)))).toBe(0x46dd794e);
    expect(crc32c(Buffer.from(Array.from({ length: 32 }, (_, i) => 31 - i)))).toBe(0x113fdb5c);
  });
  it('is 0 for empty input and unsigned for high values', () => {
    expect(crc32c(Buffer.alloc(0))).toBe(0);
    expect(crc32c(Buffer.from('123456789'))).toBeGreaterThan(0);
  });
});
