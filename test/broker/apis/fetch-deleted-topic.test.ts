// A Fetch waiting for data on a topic that gets deleted completes at once, as Kafka completes the
// delayed fetches of a removed partition: the deleted partition answers UNKNOWN_TOPIC_OR_PARTITION,
// the others what they hold, and the connection stays usable. (It used to read the closed log on
// the next wake-up, fail, and close the connection: found by the protocol fuzzer.)
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startBroker, type StartedBroker } from '../../../src/index.js';
import { ApiKey } from '../../../src/protocol/api.js';
import { ErrorCode } from '../../../src/protocol/errors.js';
import { RawClient } from '../../helpers/raw-client.js';

let broker: StartedBroker;
beforeAll(async () => {
  broker = await startBroker({ port: 0, logLevel: 'OFF' });
});
afterAll(async () => {
  await broker?.close();
});

it('a long-polling fetch completes when one of its topics is deleted, and its connection keeps working', async () => {
  const admin = await RawClient.connect(broker.port);
  const consumer = await RawClient.connect(broker.port);
  await admin.request(ApiKey.CreateTopics, 7, { topics: ['kept', 'deleted'].map((name) => ({ name, numPartitions: 1, replicationFactor: 1, assignments: [], configs: [] })), timeoutMs: 5000, validateOnly: false });
  const partitions = [{ partition: 0, fetchOffset: 0n, partitionMaxBytes: 1 << 20, currentLeaderEpoch: -1, lastFetchedEpoch: -1, logStartOffset: -1n }];
  const request = { replicaId: -1, maxWaitMs: 30_000, minBytes: 1, maxBytes: 1 << 20, isolationLevel: 0, sessionId: 0, sessionEpoch: -1, forgottenTopicsData: [], rackId: '' };
  const waiting = consumer.request(ApiKey.Fetch, 12, { ...request, topics: [{ topic: 'kept', partitions }, { topic: 'deleted', partitions }] });
  await new Promise((r) => setTimeout(r, 200)); // the fetch is waiting for data
  const deleted = await admin.request(ApiKey.DeleteTopics, 6, { topics: [{ name: 'deleted', topicId: 'AAAAAAAAAAAAAAAAAAAAAA' }], topicNames: [], timeoutMs: 5000 });
  expect(deleted.responses.map((t) => t.errorCode)).toEqual([ErrorCode.NONE]);

  const answer = await waiting;
  expect(answer.responses.map((t) => [t.topic, t.partitions[0]!.errorCode, t.partitions[0]!.records?.length ?? 0])).toEqual([
    ['kept', ErrorCode.NONE, 0],
    ['deleted', ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, 0],
  ]);
  // The same connection answers the next request.
  const again = await consumer.request(ApiKey.Fetch, 12, { ...request, maxWaitMs: 0, topics: [{ topic: 'kept', partitions }] });
  expect(again.responses[0]!.partitions[0]!.errorCode).toBe(ErrorCode.NONE);
  admin.close();
  consumer.close();
});
