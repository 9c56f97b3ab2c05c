// A connection Kafka closes after its last responses (an acks=0 Produce that failed) is closed
// fully, not half-closed: a client that never ends its side must not keep it open, nor keep a
// broker that is shutting down waiting for it.
import { connect, type Socket } from 'node:net';
import { expect, it } from 'vitest';
import { ApiKey, encodeRequest } from '../../../src/protocol/api.js';
import { encodeRecordBatch } from '../../../src/protocol/records/record-batch.js';
import { startBroker } from '../../../src/index.js';

const batch = () => encodeRecordBatch({ records: [{ timestamp: 1_700_000_000_000, key: null, value: Buffer.from('v'), headers: [] }] });

it('acks=0 Produce to a missing topic: the broker closes the socket although the client keeps its side open', async () => {
  const broker = await startBroker({ port: 0, config: { 'auto.create.topics.enable': 'false' } });
  let socket: Socket | undefined;
  try {
    socket = connect({ host: '127.0.0.1', port: broker.port, allowHalfOpen: true });
    await new Promise((resolve) => socket!.once('connect', resolve));
    const ended = new Promise<void>((resolve) => socket!.once('end', () => resolve()));
    for (const chunk of encodeRequest(ApiKey.Produce, 9, 1, 'half-open', { acks: 0, timeoutMs: 1000, topicData: [{ name: 'missing', partitionData: [{ index: 0, records: batch() }] }] })) {
      socket.write(chunk);
    }
    await ended;
  } finally {
    // Before the fix this never resolved: the half-closed socket held the listener open.
    const closed = await Promise.race([broker.close().then(() => 'closed'), new Promise((r) => setTimeout(() => r('still waiting after 5 s'), 5000))]);
    socket?.destroy();
    expect(closed).toBe('closed');
  }
});
