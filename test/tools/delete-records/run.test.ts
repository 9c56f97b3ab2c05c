// kafka-delete-records' offset JSON: Kafka's messages for bad files, and the HashMap order in
// which Kafka holds (and prints) the partitions.
import { describe, expect, it } from 'vitest';
import { parseOffsetJson } from '../../../src/tools/delete-records/json.js';

const entry = (topic: string, partition: number, offset: number) => ({ topic, partition, offset });

describe('parseOffsetJson', () => {
  it('reads topic, partition and offset of each entry (version 1, the default)', () => {
    expect(parseOffsetJson('{"partitions":[{"topic":"foo","partition":1,"offset":5}],"version":1}')).toEqual([{ topic: 'foo', partition: 1, offset: 5n }]);
    expect(parseOffsetJson('{"partitions":[{"topic":"foo","partition":0,"offset":-1}]}')).toEqual([{ topic: 'foo', partition: 0, offset: -1n }]);
    expect(parseOffsetJson('{"partitions":[]}')).toEqual([]);
  });

  it('orders partitions as a Java HashMap<TopicPartition> iterates them', () => {
    // Buckets (spread(hashCode) & 15) worked out independently: bar-1:2 foo-2:4 foo-3:5 bar-0:5 foo-0:6 foo-1:7.
    const json = JSON.stringify({ partitions: [entry('foo', 3, 1), entry('bar', 1, 1), entry('foo', 0, 1), entry('foo', 1, 1), entry('bar', 0, 1), entry('foo', 2, 1)] });
    expect(parseOffsetJson(json).map((r) => `${r.topic}-${r.partition}`)).toEqual(['bar-1', 'foo-2', 'foo-3', 'bar-0', 'foo-0', 'foo-1']);
  });

  it('rejects what Kafka rejects, with its messages', () => {
    const cases: Array<[string, string]> = [
      ['not json', 'The input string is not a valid JSON'],
      ['[1]', 'Expected JSON object, received [1]'],
      ['{"version":2,"partitions":[]}', 'Not supported version field value 2'],
      ['{"version":"1","partitions":[]}', 'Expected `Integer` value, received "1"'],
      ['{"version":1}', 'Missing partitions field'],
      ['{"partitions":{}}', 'Expected JSON array, received {}'],
      ['{"partitions":[1]}', 'Expected JSON object, received 1'],
      ['{"partitions":[{"partition":0,"offset":1}]}', 'No such field exists: `topic`'],
      ['{"partitions":[{"topic":"t","offset":1}]}', 'No such field exists: `partition`'],
      ['{"partitions":[{"topic":"t","partition":0}]}', 'No such field exists: `offset`'],
      ['{"partitions":[{"topic":1,"partition":0,"offset":1}]}', 'Expected `String` value, received 1'],
      ['{"partitions":[{"topic":"t","partition":3000000000,"offset":1}]}', 'Expected `Integer` value, received 3000000000'],
      ['{"partitions":[{"topic":"t","partition":0,"offset":"1"}]}', 'Expected `Long` value, received "1"'],
    ];
    for (const [json, message] of cases) expect(() => parseOffsetJson(json), json).toThrow(message);
  });

  it('rejects duplicate partitions, listing them in HashSet order', () => {
    const json = JSON.stringify({ partitions: [entry('foo', 0, 1), entry('foo', 3, 1), entry('bar', 1, 2), entry('foo', 0, 2), entry('foo', 3, 3), entry('bar', 1, 4)] });
    expect(() => parseOffsetJson(json)).toThrow('Offset json file contains duplicate topic partitions: bar-1,foo-3,foo-0');
  });
});
