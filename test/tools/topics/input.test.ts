import { describe, expect, it } from 'vitest';
import { hasCollisionChars, parseReplicaAssignment, parseTopicConfigs, parseTopicId } from '../../../src/tools/topics/input.js';

describe('parseReplicaAssignment', () => {
  it('maps partitions to replica lists', () => {
    expect([...parseReplicaAssignment('1:2, 2 :3,3:1')]).toEqual([
      [0, [1, 2]],
      [1, [2, 3]],
      [2, [3, 1]],
    ]);
  });

  it('rejects duplicates, uneven lists and non-numbers with Kafka\'s messages', () => {
    expect(() => parseReplicaAssignment('1:2:1:2,3:4:5:6')).toThrow('Partition replica lists may not contain duplicate entries: 1,2');
    expect(() => parseReplicaAssignment('1:2,3')).toThrow('Partition 1 has different replication factor: [3]');
    expect(() => parseReplicaAssignment('1:x')).toThrow('For input string: "x"');
  });
});

describe('parseTopicConfigs', () => {
  it('splits name=value with optional spaces', () => {
    const { configs, warnings } = parseTopicConfigs(['retention.ms = 1000', 'cleanup.policy=compact']);
    expect([...configs]).toEqual([
      ['retention.ms', '1000'],
      ['cleanup.policy', 'compact'],
    ]);
    expect(warnings).toEqual([]);
  });

  it('rejects malformed pairs, unknown names and invalid values', () => {
    const format = 'requirement failed: Invalid topic config: all configs to be added must be in the format "key=val".';
    expect(() => parseTopicConfigs(['retention.ms='])).toThrow(format);
    expect(() => parseTopicConfigs(['a=b=c'])).toThrow(format);
    expect(() => parseTopicConfigs(['retention'])).toThrow(format);
    expect(() => parseTopicConfigs(['no.such.config=1'])).toThrow('Unknown topic config name: no.such.config');
    expect(() => parseTopicConfigs(['retention.ms=soon'])).toThrow('Invalid value soon for configuration retention.ms: Not a number of type LONG');
    expect(() => parseTopicConfigs(['min.compaction.lag.ms=10', 'max.compaction.lag.ms=5'])).toThrow(
      'conflict topic config setting min.compaction.lag.ms (10) > max.compaction.lag.ms (5)',
    );
  });

  it('warns about message.format.version with Kafka 4.0\'s unexpanded text', () => {
    expect(parseTopicConfigs(['message.format.version=2.8']).warnings[0]).toMatch(/^WARNING: The configuration \$\{TopicConfig\.MESSAGE_FORMAT_VERSION_CONFIG\}=/);
  });
});

describe('parseTopicId', () => {
  it('accepts 22-character URL-safe base64', () => {
    expect(parseTopicId('tbEVYHIr0ImFAIfmSEPf6A')).toBe('tbEVYHIr0ImFAIfmSEPf6A');
    expect(parseTopicId('AAAAAAAAAAAAAAAAAAAAAA')).toBe('AAAAAAAAAAAAAAAAAAAAAA');
  });

  it('rejects other strings with Uuid.fromString\'s messages', () => {
    expect(() => parseTopicId('abc')).toThrow('Input string `abc` decoded as 2 bytes, which is not equal to the expected 16 bytes of a base64-encoded UUID');
    expect(() => parseTopicId('x'.repeat(30))).toThrow('Input string with prefix `xxxxxxxxxxxxxxxxxxxxxxxx` is too long to be decoded as a base64 UUID');
  });
});

describe('hasCollisionChars', () => {
  it('flags names with . or _', () => {
    expect(hasCollisionChars('a.b')).toBe(true);
    expect(hasCollisionChars('a_b')).toBe(true);
    expect(hasCollisionChars('a-b')).toBe(false);
  });
});
