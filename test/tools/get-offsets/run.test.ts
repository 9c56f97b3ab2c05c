// GetOffsetShell's input parsing: topic-partition rules, --topic/--partitions, --time.
import { describe, expect, it } from 'vitest';
import { filterFromRules, filterFromTopicAndPartitions, parseTimeSpec } from '../../../src/tools/get-offsets/filter.js';
import { GetOffsetsError } from '../../../src/tools/get-offsets/options.js';
import { listOffsets } from '../../../src/tools/get-offsets/admin.js';
import type { AdminClient } from '../../../src/client/admin-client.js';

const PARTITIONS = [0, 1, 2, 3, 4, 5];

function allowed(filter: { isTopicPartitionAllowed(t: string, p: number): boolean }, topic: string): number[] {
  return PARTITIONS.filter((p) => filter.isTopicPartitionAllowed(topic, p));
}

describe('--topic-partitions rules', () => {
  it('match a topic regex with a partition, a range, a lower or an upper bound, or every partition', () => {
    expect(allowed(filterFromRules('orders:2'), 'orders')).toEqual([2]);
    expect(allowed(filterFromRules('orders:1-3'), 'orders')).toEqual([1, 2]);
    expect(allowed(filterFromRules('orders:4-'), 'orders')).toEqual([4, 5]);
    expect(allowed(filterFromRules('orders:-2'), 'orders')).toEqual([0, 1]);
    expect(allowed(filterFromRules('orders'), 'orders')).toEqual(PARTITIONS);
    expect(allowed(filterFromRules('ord.*:0'), 'orders')).toEqual([0]);
    expect(allowed(filterFromRules('ord:0'), 'orders')).toEqual([]);
  });

  it('without a topic part, apply to every topic; any rule may match', () => {
    const filter = filterFromRules(':1,payments:3');
    expect(allowed(filter, 'orders')).toEqual([1]);
    expect(allowed(filter, 'payments')).toEqual([1, 3]);
    expect(filter.isTopicAllowed('anything')).toBe(true);
  });

  it('an empty rule list matches everything; only separators match nothing (Java drops trailing empty rules)', () => {
    expect(allowed(filterFromRules(''), 'x')).toEqual(PARTITIONS);
    expect(filterFromRules(',,').isTopicAllowed('x')).toBe(false);
    expect(allowed(filterFromRules('orders:1,'), 'orders')).toEqual([1]);
  });

  it('reject malformed rules with the wrapped TerseException, and overflowing numbers as Java does', () => {
    expect(() => filterFromRules('orders:x')).toThrow('org.apache.kafka.tools.TerseException: Invalid rule specification: orders:x');
    expect(() => filterFromRules('orders:1:2')).toThrow('org.apache.kafka.tools.TerseException: Invalid rule specification: orders:1:2');
    expect(() => filterFromRules('orders:99999999999')).toThrow('For input string: "99999999999"');
    expect(() => filterFromRules('(:1')).toThrow('( is an invalid regex.');
  });
});

describe('--topic and --partitions', () => {
  it('default to every topic and every partition', () => {
    const filter = filterFromTopicAndPartitions(undefined, undefined);
    expect(allowed(filter, '__consumer_offsets')).toEqual(PARTITIONS);
  });

  it('take a topic regex (commas mean or) and a list of partition ids', () => {
    const filter = filterFromTopicAndPartitions('orders, pay.*', '0,+3');
    expect(allowed(filter, 'orders')).toEqual([0, 3]);
    expect(allowed(filter, 'payments')).toEqual([0, 3]);
    expect(allowed(filter, 'other')).toEqual([]);
    // Only separators: no ids, so every partition.
    expect(allowed(filterFromTopicAndPartitions('orders', ','), 'orders')).toEqual(PARTITIONS);
  });

  it('reject partition ids that are not numbers', () => {
    for (const bad of ['a', '1,,2', ' 1', '1.5']) {
      const attempt = () => filterFromTopicAndPartitions(undefined, bad);
      expect(attempt).toThrow(GetOffsetsError);
      expect(attempt).toThrow(`--partitions expects a comma separated list of numeric partition ids, but received: ${bad}`);
    }
  });
});

describe('--time', () => {
  it('accepts the offset spec names and their numbers, or any long timestamp', () => {
    expect(parseTimeSpec('latest')).toBe(-1n);
    expect(parseTimeSpec('earliest')).toBe(-2n);
    expect(parseTimeSpec('max-timestamp')).toBe(-3n);
    expect(parseTimeSpec('earliest-local')).toBe(-4n);
    expect(parseTimeSpec('latest-tiered')).toBe(-5n);
    expect(parseTimeSpec('-2')).toBe(-2n);
    expect(parseTimeSpec('+1700000000000')).toBe(1700000000000n);
    expect(parseTimeSpec('9223372036854775807')).toBe(9223372036854775807n);
  });

  it('rejects anything else with Kafka\'s message (names are case-sensitive)', () => {
    for (const bad of ['LATEST', '1.5', '', '9223372036854775808', 'now']) {
      expect(() => parseTimeSpec(bad)).toThrow(
        `Malformed time argument ${bad}. Please use -1 or latest / -2 or earliest / -3 or max-timestamp / -4 or earliest-local / -5 or latest-tiered, or a specified long format timestamp`,
      );
    }
  });
});

describe('listOffsets', () => {
  it('asks each partition\'s leader and turns error codes into the exception text Java prints', async () => {
    const sent: Array<{ node: number; body: unknown; minVersion: number }> = [];
    const brokerClient = (node: number) => ({
      supports: () => true,
      send: async (_key: number, body: { topics: Array<{ name: string; partitions: Array<{ partitionIndex: number }> }> }, minVersion: number) => {
        sent.push({ node, body, minVersion });
        return {
          topics: body.topics.map((t) => ({
            name: t.name,
            partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode: p.partitionIndex === 1 ? 6 : 0, offset: 40n + BigInt(p.partitionIndex) })),
          })),
        };
      },
    });
    const client = { toBroker: async (n: { nodeId: number }) => brokerClient(n.nodeId) } as unknown as AdminClient;
    const metadata = {
      brokers: [
        { nodeId: 1, host: 'a', port: 1, rack: null },
        { nodeId: 2, host: 'b', port: 2, rack: null },
      ],
      topics: [{ name: 't', errorCode: 0, isInternal: false, partitions: [0, 1, 2, 3].map((p) => ({ partition: p, errorCode: 0, leader: p === 3 ? -1 : (p % 2) + 1 })) }],
    };
    const parts = [0, 1, 2, 3].map((partition) => ({ topic: 't', partition }));
    const results = await listOffsets(client, metadata, parts, -3n, 1000);
    expect(Object.fromEntries(results)).toEqual({
      't-0': { offset: 40n },
      't-1': {
        error:
          'org.apache.kafka.common.errors.NotLeaderOrFollowerException: For requests intended only for the leader, this error indicates that the broker is not the current leader. For requests intended for any replica, this error indicates that the broker is not a replica of the topic partition.',
      },
      't-2': { offset: 42n },
      't-3': { error: 'org.apache.kafka.common.errors.LeaderNotAvailableException: There is no leader for this topic-partition as we are in the middle of a leadership election.' },
    });
    // max-timestamp needs ListOffsets v7; one request per leader.
    expect(sent.map((s) => [s.node, s.minVersion])).toEqual([
      [1, 7],
      [2, 7],
    ]);
    expect(sent[0]!.body).toMatchObject({ replicaId: -1, isolationLevel: 0, topics: [{ name: 't', partitions: [{ partitionIndex: 0, timestamp: -3n }, { partitionIndex: 2, timestamp: -3n }] }] });
  });
});
