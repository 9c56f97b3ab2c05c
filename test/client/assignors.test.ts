import { describe, expect, it } from 'vitest';
import { COOPERATIVE_STICKY, RANGE, ROUND_ROBIN, STICKY, assignorsFromConfig, type MemberSubscription, type TopicPartition } from '../../src/client/assignors.js';

const member = (memberId: string, topics: string[], owned: TopicPartition[] = [], generation = -1): MemberSubscription => ({ memberId, topics, owned, generation });
const names = (list: TopicPartition[] | undefined) => (list ?? []).map((tp) => `${tp.topic}-${tp.partition}`);
const tp = (topic: string, partition: number): TopicPartition => ({ topic, partition });

describe('assignors', () => {
  it('range: contiguous ranges per topic, the first members take the extra', () => {
    const out = RANGE.assign([member('b', ['t', 'u']), member('a', ['t', 'u'])], new Map([['t', 3], ['u', 2]]));
    expect(names(out.get('a'))).toEqual(['t-0', 't-1', 'u-0']);
    expect(names(out.get('b'))).toEqual(['t-2', 'u-1']);
  });

  it('roundrobin: every partition in order, dealt round the members subscribed to its topic', () => {
    const out = ROUND_ROBIN.assign([member('a', ['t', 'u']), member('b', ['t']), member('c', ['t', 'u'])], new Map([['t', 3], ['u', 3]]));
    expect(names(out.get('a'))).toEqual(['t-0', 'u-0', 'u-2']);
    expect(names(out.get('b'))).toEqual(['t-1']);
    expect(names(out.get('c'))).toEqual(['t-2', 'u-1']);
  });

  it('sticky: owners keep what they can within balance; new members get the rest', () => {
    const owned = [0, 1, 2, 3, 4, 5].map((p) => tp('t', p));
    const out = STICKY.assign([member('a', ['t'], owned, 3), member('b', ['t']), member('c', ['t'])], new Map([['t', 6]]));
    expect(names(out.get('a'))).toEqual(['t-0', 't-1']);
    expect(names(out.get('b'))).toEqual(['t-2', 't-3']);
    expect(names(out.get('c'))).toEqual(['t-4', 't-5']);
    // The newer generation's claim wins a partition claimed twice.
    const twice = STICKY.assign([member('a', ['t'], [tp('t', 0)], 1), member('b', ['t'], [tp('t', 0)], 2)], new Map([['t', 2]]));
    expect(names(twice.get('b'))).toEqual(['t-0']);
    expect(names(twice.get('a'))).toEqual(['t-1']);
  });

  it('cooperative-sticky: a partition changing owner is assigned to nobody in this round', () => {
    const owned = [0, 1, 2, 3].map((p) => tp('t', p));
    const out = COOPERATIVE_STICKY.assign([member('a', ['t'], owned, 1), member('b', ['t'])], new Map([['t', 4]]));
    expect(names(out.get('a'))).toEqual(['t-0', 't-1']);
    expect(names(out.get('b'))).toEqual([]);
    const next = COOPERATIVE_STICKY.assign([member('a', ['t'], owned.slice(0, 2), 2), member('b', ['t'])], new Map([['t', 4]]));
    expect(names(next.get('b'))).toEqual(['t-2', 't-3']);
  });

  it("reads partition.assignment.strategy as Java's class names; Kafka 4's default is range then cooperative-sticky", () => {
    expect(assignorsFromConfig(undefined).map((a) => a.name)).toEqual(['range', 'cooperative-sticky']);
    expect(assignorsFromConfig('org.apache.kafka.clients.consumer.RoundRobinAssignor, org.apache.kafka.clients.consumer.StickyAssignor').map((a) => a.name)).toEqual(['roundrobin', 'sticky']);
    expect(() => assignorsFromConfig('com.example.Mine')).toThrow('Class com.example.Mine cannot be found');
  });
});
