import { describe, expect, it } from 'vitest';
import { formatDeleteGroupsResult } from '../../../src/tools/consumer-groups/delete.js';
import { checkGroupState } from '../../../src/tools/consumer-groups/describe.js';
import {
  formatAssignment,
  formatDeleteOffsets,
  formatGroupListing,
  formatGroupState,
  formatMembers,
  formatOffsets,
  formatResetPlan,
} from '../../../src/tools/consumer-groups/format.js';
import { partitionMapOrder, stringMapOrder } from '../../../src/tools/consumer-groups/order.js';

const partitions = (topic: string, n: number) => Array.from({ length: n }, (_, partition) => ({ topic, partition }));

describe('Java HashMap order of rows', () => {
  it('orders TopicPartition keys by bucket, as Kafka prints them', () => {
    expect(partitionMapOrder(partitions('t', 6)).map((tp) => tp.partition)).toEqual([5, 4, 3, 2, 1, 0]);
    expect(partitionMapOrder(partitions('demo', 6)).map((tp) => tp.partition)).toEqual([5, 0, 1, 2, 3, 4]);
    expect(partitionMapOrder(partitions('orders', 6)).map((tp) => tp.partition)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('orders String keys by bucket', () => {
    // "a".hashCode() = 97 (bucket 1), "b" = 98 (bucket 2), "q" = 113 (bucket 1, after "a").
    expect(stringMapOrder(['b', 'q', 'a'])).toEqual(['q', 'a', 'b']);
  });
});

describe('consumer-groups tables', () => {
  it('--list --state --type: GROUP width max(15, longest) + 10, padded to the end', () => {
    expect(formatGroupListing([{ groupId: 'my-group', type: 'Classic', state: 'Stable' }], true, true)).toBe(
      'GROUP                     TYPE                 STATE               \nmy-group                  Classic              Stable              \n',
    );
    expect(formatGroupListing([], false, true)).toBe('GROUP                     STATE               \n');
  });

  it('--describe offsets view', () => {
    const out = formatOffsets([
      { group: 'my-group', topic: 't', partition: 0, offset: 5, logEndOffset: 10, lag: 5, consumerId: 'consumer-1-abc', host: '/127.0.0.1', clientId: 'consumer-1' },
      { group: 'my-group', topic: 't', partition: 1, logEndOffset: 3, consumerId: '-', host: '-', clientId: '-' },
    ]);
    expect(out).toBe(
      '\nGROUP           TOPIC           PARTITION  CURRENT-OFFSET  LOG-END-OFFSET  LAG             CONSUMER-ID     HOST            CLIENT-ID' +
        '\nmy-group        t               0          5               10              5               consumer-1-abc  /127.0.0.1      consumer-1' +
        '\nmy-group        t               1          -               3               -               -               -               -\n',
    );
  });

  it('--describe --members [--verbose], with GROUP-INSTANCE-ID only when a member has one', () => {
    const rows = [
      { group: 'g', consumerId: 'member-a', groupInstanceId: '', host: '/127.0.0.1', clientId: 'c1', assignment: [{ topic: 't', partition: 1 }, { topic: 'a', partition: 0 }, { topic: 't', partition: 0 }] },
      { group: 'g', consumerId: 'member-b', groupInstanceId: '', host: '/127.0.0.1', clientId: 'c2', assignment: [] },
    ];
    expect(formatMembers(rows, false, true)).toBe(
      '\nGROUP           CONSUMER-ID     HOST            CLIENT-ID       #PARTITIONS     \n' +
        'g               member-a        /127.0.0.1      c1              3               \n' +
        'g               member-b        /127.0.0.1      c2              0               \n',
    );
    expect(formatMembers(rows, true, true).split('\n').slice(1, 4)).toEqual([
      'GROUP           CONSUMER-ID     HOST            CLIENT-ID       #PARTITIONS     ASSIGNMENT',
      'g               member-a        /127.0.0.1      c1              3               a(0), t(0,1)',
      'g               member-b        /127.0.0.1      c2              0               -',
    ]);
    const withInstance = formatMembers([{ ...rows[1]!, groupInstanceId: 'static-1' }], false, true);
    expect(withInstance).toBe(
      '\nGROUP           CONSUMER-ID     GROUP-INSTANCE-ID HOST            CLIENT-ID       #PARTITIONS     \ng               member-b        static-1          /127.0.0.1      c2              0               \n',
    );
    // Nothing to show (dead or empty group): the header alone, minimum widths.
    expect(formatMembers([], false, false)).toBe('\nGROUP           CONSUMER-ID     HOST            CLIENT-ID       #PARTITIONS     \n');
    expect(formatAssignment([{ topic: 'b', partition: 10 }, { topic: 'b', partition: 2 }])).toBe('b(2,10)');
  });

  it('--describe --state sizes the GROUP column from the coordinator', () => {
    expect(formatGroupState({ group: 'g', coordinator: 'localhost:9092  (1)', assignmentStrategy: 'range', state: 'Stable', members: 2 })).toBe(
      '\nGROUP                     COORDINATOR (ID)          ASSIGNMENT-STRATEGY  STATE           #MEMBERS' +
        '\ng                         localhost:9092  (1)       range                Stable          2\n',
    );
  });

  it('--reset-offsets table', () => {
    expect(formatResetPlan([['g', [{ topic: 't', partition: 0, offset: 3 }]]])).toBe(
      `\n${'GROUP'.padEnd(30)} ${'TOPIC'.padEnd(30)} ${'PARTITION'.padEnd(10)} ${'NEW-OFFSET'.padEnd(15)}\n${'g'.padEnd(30)} ${'t'.padEnd(30)} ${'0'.padEnd(10)} ${'3'.padEnd(15)}\n`,
    );
    expect(formatResetPlan([['g', []]])).toBe(`\n${'GROUP'.padEnd(30)} ${'TOPIC'.padEnd(30)} ${'PARTITION'.padEnd(10)} ${'NEW-OFFSET'.padEnd(15)}\n`);
    expect(formatResetPlan([])).toBe('\n');
  });

  it('--delete-offsets table, sorted by topic + partition', () => {
    expect(
      formatDeleteOffsets([
        { topic: 't', partition: 10, error: null },
        { topic: 't', partition: 2, error: 'org.apache.kafka.common.errors.GroupSubscribedToTopicException: x' },
        { topic: 'gone', partition: -1, error: 'org.apache.kafka.common.errors.UnknownTopicOrPartitionException: y' },
      ]),
    ).toBe(
      `\n${'TOPIC'.padEnd(30)} ${'PARTITION'.padEnd(15)} ${'STATUS'.padEnd(15)}` +
        `\n${'gone'.padEnd(30)} ${'Not Provided'.padEnd(15)} Error: :org.apache.kafka.common.errors.UnknownTopicOrPartitionException: y` +
        `\n${'t'.padEnd(30)} ${'10'.padEnd(15)} ${'Successful'.padEnd(15)}` +
        `\n${'t'.padEnd(30)} ${'2'.padEnd(15)} Error: :org.apache.kafka.common.errors.GroupSubscribedToTopicException: x\n`,
    );
  });

  it('--delete reports', () => {
    expect(formatDeleteGroupsResult(['a', 'b'], [])).toBe("Deletion of requested consumer groups ('a, b') was successful.\n");
    expect(formatDeleteGroupsResult(['a'], [['b', 68]])).toBe(
      "\nError: Deletion of some consumer groups failed:\n* Group 'b' could not be deleted due to: java.util.concurrent.ExecutionException: org.apache.kafka.common.errors.GroupNotEmptyException: The group is not empty.\n\nThese consumer groups were deleted successfully: 'a', '\n",
    );
  });
});

describe('the state check before each describe table', () => {
  function check(state: string, rows: number) {
    const out = { stdout: '', stderr: '' };
    const show = checkGroupState('g', state, rows, { stdout: (t) => (out.stdout += t), stderr: (t) => (out.stderr += t) });
    return { show, ...out };
  }

  it('prints Kafka\'s notice for each state on its stream', () => {
    expect(check('Stable', 2)).toEqual({ show: true, stdout: '', stderr: '' });
    expect(check('Dead', 0)).toEqual({ show: false, stdout: "\nError: Consumer group 'g' does not exist.\n", stderr: '' });
    expect(check('Empty', 0)).toEqual({ show: false, stdout: '', stderr: "\nConsumer group 'g' has no active members.\n" });
    expect(check('Empty', 3)).toEqual({ show: true, stdout: '', stderr: "\nConsumer group 'g' has no active members.\n" });
    for (const state of ['PreparingRebalance', 'CompletingRebalance', 'Assigning', 'Reconciling']) {
      expect(check(state, 1)).toEqual({ show: true, stdout: '', stderr: "\nWarning: Consumer group 'g' is rebalancing.\n" });
    }
    expect(() => check('Unknown', 1)).toThrow("Expected a valid consumer group state, but found 'Unknown'.");
  });
});
