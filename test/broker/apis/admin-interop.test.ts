// Real clients against the admin APIs: confluent-kafka-python (librdkafka) lists groups and
// alters/describes broker configs; kafka-python 2.0.2 lists, describes and deletes groups, reads
// committed offsets and describes the cluster.
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ApiKey } from '../../../src/protocol/api.js';
import { startBroker, type StartedBroker } from '../../../src/index.js';
import { RawClient } from '../../helpers/raw-client.js';
import { run } from '../../helpers/run.js';
import { createTopic } from './configs-helpers.js';

let broker: StartedBroker;
let client: RawClient;

beforeAll(async () => {
  broker = await startBroker({ port: 0, config: { 'offsets.topic.num.partitions': '3' } });
  client = await RawClient.connect(broker.port);
  await createTopic(client, 'interop', [], 2);
  const commit = await client.request(ApiKey.OffsetCommit, 8, {
    groupId: 'offline',
    generationIdOrMemberEpoch: -1,
    memberId: '',
    groupInstanceId: null,
    topics: [{ name: 'interop', partitions: [{ partitionIndex: 1, committedOffset: 0n, committedLeaderEpoch: -1, committedMetadata: '' }] }],
  });
  expect(commit.topics[0]!.partitions[0]!.errorCode).toBe(0);
});

afterAll(async () => {
  client?.close();
  await broker?.close();
});

it('confluent-kafka-python and kafka-python drive the group and config admin APIs', async () => {
  const r = await run('/usr/bin/python3', [join(import.meta.dirname, 'python', 'admin_apis.py'), broker.bootstrap, 'offline', 'interop'], { timeoutMs: 60_000 });
  expect(r.code, r.stderr).toBe(0);
  expect(JSON.parse(r.stdout.toString())).toEqual({
    confluent_groups: [['offline', 'Empty', '']],
    // source 2 = DYNAMIC_BROKER_CONFIG; the topic follows the broker's new value.
    confluent_broker_entry: ['3600000', 2, false],
    confluent_topic_retention: ['3600000', 2],
    kp_groups: [['offline', '']],
    kp_described: ['offline', 'Empty', '', 0],
    kp_offsets: [['interop', 1, 0]],
    kp_cluster: [1, [1]],
    kp_delete: [
      ['never-existed', 'GroupIdNotFoundError'],
      ['offline', 'NoError'],
    ],
  });
  expect(broker.broker.topics.brokerConfigs('1')).toEqual({ 'log.retention.ms': '3600000' });
}, 90_000);
