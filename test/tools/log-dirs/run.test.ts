// kafka-log-dirs' JSON line: Jackson's output of Kafka's HashMaps, byte for byte.
import { describe, expect, it } from 'vitest';
import { formatLogDirsJson, integerSetOrder } from '../../../src/tools/log-dirs/json.js';

const replica = (topic: string, partition: number, size: number) => ({ topic, partition, size: BigInt(size), offsetLag: 0n, isFuture: false });

describe('formatLogDirsJson', () => {
  it('writes keys, brokers, dirs and partitions in the order Kafka prints them', () => {
    const json = formatLogDirsJson(
      [
        {
          broker: 3,
          logDirs: [
            // new HashMap<>(2) grows to 4 buckets for two entries: "/tmp/kafka-logs-2" (bucket 0)
            // comes before "/tmp/kafka-logs" (bucket 1) although the broker listed it second.
            { logDir: '/tmp/kafka-logs', errorCode: 0, replicas: [replica('foo', 3, 30), replica('bar', 1, 11), replica('foo', 0, 0)] },
            { logDir: '/tmp/kafka-logs-2', errorCode: 56, replicas: [] },
          ],
        },
        { broker: 1, logDirs: [{ logDir: '/k', errorCode: 0, replicas: [{ ...replica('t', 0, 7), offsetLag: 2n, isFuture: true }] }] },
      ],
      new Set(),
    );
    expect(json).toBe(
      '{"brokers":[' +
        '{"broker":1,"logDirs":[{"partitions":[{"partition":"t-0","size":7,"offsetLag":2,"isFuture":true}],"error":null,"logDir":"/k"}]},' +
        '{"broker":3,"logDirs":[' +
        '{"partitions":[],"error":"org.apache.kafka.common.errors.KafkaStorageException","logDir":"/tmp/kafka-logs-2"},' +
        // TopicPartition buckets: bar-1:2, foo-3:5, foo-0:6.
        '{"partitions":[{"partition":"bar-1","size":11,"offsetLag":0,"isFuture":false},{"partition":"foo-3","size":30,"offsetLag":0,"isFuture":false},{"partition":"foo-0","size":0,"offsetLag":0,"isFuture":false}],"error":null,"logDir":"/tmp/kafka-logs"}' +
        ']}],"version":1}',
    );
  });

  it('keeps only the listed topics', () => {
    const json = formatLogDirsJson([{ broker: 0, logDirs: [{ logDir: '/d', errorCode: 0, replicas: [replica('a', 0, 1), replica('b', 0, 2)] }] }], new Set(['b']));
    expect(json).toBe('{"brokers":[{"broker":0,"logDirs":[{"partitions":[{"partition":"b-0","size":2,"offsetLag":0,"isFuture":false}],"error":null,"logDir":"/d"}]}],"version":1}');
  });
});

describe('integerSetOrder', () => {
  it('iterates a HashSet<Integer>: by value modulo the table size, duplicates once', () => {
    expect(integerSetOrder([5, 1, 3, 1])).toEqual([1, 3, 5]);
    // 16 slots: 17 lands in bucket 1, after 16 in bucket 0 and before 2.
    expect(integerSetOrder([2, 17, 16])).toEqual([16, 17, 2]);
  });
});
