import { describe, expect, it } from 'vitest';
import { describeTopicLines, type DescribeContext, type DescribeFilters } from '../../../src/tools/topics/describe.js';
import type { ConfigEntry, TopicDescription } from '../../../src/tools/topics/admin.js';

const NO_FILTERS: DescribeFilters = { underReplicated: false, unavailable: false, underMinIsr: false, atMinIsr: false, topicsWithOverrides: false };
const ctx = (filters: Partial<DescribeFilters> = {}, extra: Partial<DescribeContext> = {}): DescribeContext => ({
  filters: { ...NO_FILTERS, ...filters },
  liveBrokers: new Set([1, 2, 3]),
  reassignments: new Map(),
  ...extra,
});

const topic: TopicDescription = {
  name: 'demo',
  topicId: 'tbEVYHIr0ImFAIfmSEPf6A',
  partitions: [
    { partition: 1, leader: 2, replicas: [2, 3], isr: [2], elr: [], lastKnownElr: [] },
    { partition: 0, leader: 1, replicas: [1, 2], isr: [1, 2], elr: [], lastKnownElr: [] },
  ],
};
const configs: ConfigEntry[] = [
  { name: 'segment.bytes', value: '1073741824', isDefault: false },
  { name: 'retention.ms', value: '604800000', isDefault: true },
  { name: 'cleanup.policy', value: 'compact', isDefault: false },
  { name: 'min.insync.replicas', value: '2', isDefault: true },
];

describe('describeTopicLines', () => {
  it('prints the header with non-default configs and partitions in order', () => {
    expect(describeTopicLines(topic, configs, ctx())).toEqual([
      'Topic: demo\tTopicId: tbEVYHIr0ImFAIfmSEPf6A\tPartitionCount: 2\tReplicationFactor: 2\tConfigs: segment.bytes=1073741824,cleanup.policy=compact',
      '\tTopic: demo\tPartition: 0\tLeader: 1\tReplicas: 1,2\tIsr: 1,2\tElr: \tLastKnownElr: ',
      '\tTopic: demo\tPartition: 1\tLeader: 2\tReplicas: 2,3\tIsr: 2\tElr: \tLastKnownElr: ',
    ]);
  });

  it('omits a zero topic id, prints N/A for missing ELR and none for no leader', () => {
    const t: TopicDescription = {
      name: 'x',
      topicId: 'AAAAAAAAAAAAAAAAAAAAAA',
      partitions: [{ partition: 0, leader: null, replicas: [1], isr: [], elr: null, lastKnownElr: null }],
    };
    expect(describeTopicLines(t, [], ctx())).toEqual([
      'Topic: x\tPartitionCount: 1\tReplicationFactor: 1\tConfigs: ',
      '\tTopic: x\tPartition: 0\tLeader: none\tReplicas: 1\tIsr: \tElr: N/A\tLastKnownElr: N/A',
    ]);
  });

  it('shows only matching partitions, without header, under a partition filter', () => {
    expect(describeTopicLines(topic, configs, ctx({ underReplicated: true }))).toEqual([
      '\tTopic: demo\tPartition: 1\tLeader: 2\tReplicas: 2,3\tIsr: 2\tElr: \tLastKnownElr: ',
    ]);
    expect(describeTopicLines(topic, configs, ctx({ atMinIsr: true }))).toEqual([
      '\tTopic: demo\tPartition: 0\tLeader: 1\tReplicas: 1,2\tIsr: 1,2\tElr: \tLastKnownElr: ',
    ]);
    expect(describeTopicLines(topic, configs, ctx({ underMinIsr: true }))).toEqual([
      '\tTopic: demo\tPartition: 1\tLeader: 2\tReplicas: 2,3\tIsr: 2\tElr: \tLastKnownElr: ',
    ]);
    expect(describeTopicLines(topic, configs, ctx({ unavailable: true }, { liveBrokers: new Set([1]) }))).toEqual([
      '\tTopic: demo\tPartition: 1\tLeader: 2\tReplicas: 2,3\tIsr: 2\tElr: \tLastKnownElr: ',
    ]);
  });

  it('prints healthy single-node partitions under no filter', () => {
    const healthy: TopicDescription = { name: 'h', topicId: 'AAAAAAAAAAAAAAAAAAAAAA', partitions: [{ partition: 0, leader: 1, replicas: [1], isr: [1], elr: [], lastKnownElr: [] }] };
    for (const f of ['underReplicated', 'unavailable', 'underMinIsr'] as const) {
      expect(describeTopicLines(healthy, [], ctx({ [f]: true }, { liveBrokers: new Set([1]) }))).toEqual([]);
    }
  });

  it('prints only headers of topics with overrides under --topics-with-overrides', () => {
    expect(describeTopicLines(topic, configs, ctx({ topicsWithOverrides: true }))).toHaveLength(1);
    expect(describeTopicLines(topic, configs.filter((c) => c.isDefault), ctx({ topicsWithOverrides: true }))).toEqual([]);
  });

  it('shows reassignments and the replication factor without adding replicas', () => {
    const reassignments = new Map([['demo-0', { replicas: [1, 2, 3], adding: [3], removing: [] }]]);
    const lines = describeTopicLines(topic, [], ctx({}, { reassignments }));
    expect(lines[0]).toBe('Topic: demo\tTopicId: tbEVYHIr0ImFAIfmSEPf6A\tPartitionCount: 2\tReplicationFactor: 2\tConfigs: ');
    expect(lines[1]).toBe('\tTopic: demo\tPartition: 0\tLeader: 1\tReplicas: 1,2\tIsr: 1,2\tAdding Replicas: 3\tRemoving Replicas: \tElr: \tLastKnownElr: ');
  });
});
