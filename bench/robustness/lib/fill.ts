// Fills a topic with `bytes` of 1,000-byte records, round-robin over its partitions, through
// pipelined 1 MB produce requests (acks=1).
import { ApiKey } from '../../../src/protocol/api.js';
import { encodeRecordBatch } from '../../../src/protocol/records/record-batch.js';
import { KafkaConnection } from '../../lib/kafka-connection.js';

const IN_FLIGHT = 8;

export async function fillTopic(bootstrap: string, topic: string, partitions: number, bytes: number): Promise<void> {
  const conn = await KafkaConnection.open(bootstrap);
  try {
    const value = Buffer.alloc(1000, 0x61);
    const batch = encodeRecordBatch({ records: Array.from({ length: 1000 }, () => ({ timestamp: Date.now(), key: null, value })) });
    const requests = Math.ceil(bytes / batch.length);
    for (let i = 0; i < requests; i += IN_FLIGHT) {
      await Promise.all(
        Array.from({ length: Math.min(IN_FLIGHT, requests - i) }, (_, k) =>
          conn.request(ApiKey.Produce, 9, { acks: 1, timeoutMs: 30_000, topicData: [{ name: topic, partitionData: [{ index: (i + k) % partitions, records: batch }] }] }).then((r) => {
            const code = r.responses[0]?.partitionResponses[0]?.errorCode;
            if (code !== 0) throw new Error(`filling ${topic}: produce error ${code}`);
          }),
        ),
      );
    }
  } finally {
    conn.close();
  }
}
