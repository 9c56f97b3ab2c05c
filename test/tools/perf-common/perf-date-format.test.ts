import { describe, expect, it } from 'vitest';
import { simpleDateFormat } from '../../../src/java-compat/simple-date-format.js';

describe('simpleDateFormat', () => {
  const at = new Date(2026, 0, 5, 7, 8, 9, 45).getTime(); // local time, as Java's default zone

  it("formats Kafka's default pattern", () => {
    expect(simpleDateFormat('yyyy-MM-dd HH:mm:ss:SSS')(at)).toBe('2026-01-05 07:08:09:045');
  });

  it('supports short fields, quoted literals and 12-hour time', () => {
    expect(simpleDateFormat("yy/M/d 'at' h:mm a")(at)).toBe('26/1/5 at 7:08 AM');
    expect(simpleDateFormat("EEE MMM dd ''yy")(at)).toBe("Mon Jan 05 '26");
  });

  it('rejects letters it does not know, as SimpleDateFormat does', () => {
    expect(() => simpleDateFormat('yyyy-qq')).toThrow("Illegal pattern character 'q'");
  });
});
