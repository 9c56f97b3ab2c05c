// Reads a whole partition back through Fetch, the way a consumer sees it: every batch checked
// (CRC-32C, decodable records), offsets dense from the log start offset to the high watermark.
import { ApiKey } from '../../../src/protocol/api.js';
import { decodeRecordBatches } from '../../../src/protocol/records/record-batch.js';
import type { KafkaConnection } from '../../lib/kafka-connection.js';

export interface PartitionContents {
  logStartOffset: number;
  highWatermark: number;
  /** value (utf8) by offset, from logStartOffset to highWatermark - 1 when nothing is wrong. */
  values: Map<number, string>;
  /** Corrupt batches, gaps, offsets out of order, fetch errors. */
  problems: string[];
}

const FETCH_BYTES = 8 * 1024 * 1024;

export async function listOffset(conn: KafkaConnection, topic: string, partition: number, timestamp: bigint): Promise<number> {
  const res = await conn.request(ApiKey.ListOffsets, 7, { replicaId: -1, topics: [{ name: topic, partitions: [{ partitionIndex: partition, timestamp }] }] });
  const p = res.topics[0]!.partitions[0]!;
  if (p.errorCode !== 0) throw new Error(`ListOffsets ${topic}-${partition}: error ${p.errorCode}`);
  return Number(p.offset);
}

export async function readPartition(conn: KafkaConnection, topic: string, partition: number): Promise<PartitionContents> {
  const logStartOffset = await listOffset(conn, topic, partition, -2n);
  const highWatermark = await listOffset(conn, topic, partition, -1n);
  const out: PartitionContents = { logStartOffset, highWatermark, values: new Map(), problems: [] };
  let next = logStartOffset;
  while (next < highWatermark && out.problems.length === 0) {
    const res = await conn.request(ApiKey.Fetch, 12, {
      replicaId: -1,
      maxWaitMs: 0,
      minBytes: 0,
      maxBytes: FETCH_BYTES,
      topics: [{ topic, partitions: [{ partition, fetchOffset: BigInt(next), partitionMaxBytes: FETCH_BYTES }] }],
    });
    const p = res.responses[0]!.partitions[0]!;
    if (p.errorCode !== 0) {
      out.problems.push(`fetch ${topic}-${partition} at ${next}: error ${p.errorCode}`);
      break;
    }
    let batches;
    try {
      batches = decodeRecordBatches(p.records ?? Buffer.alloc(0), { verifyCrc: true });
    } catch (err) {
      out.problems.push(`fetch ${topic}-${partition} at ${next}: corrupt batch served: ${(err as Error).message}`);
      break;
    }
    if (batches.length === 0) {
      out.problems.push(`fetch ${topic}-${partition} at ${next}: no batch below the high watermark ${highWatermark}`);
      break;
    }
    const before = next;
    for (const b of batches) {
      for (const r of b.records) {
        if (r.offset < next) continue; // a batch may start before the fetch offset
        if (r.offset !== next) out.problems.push(`${topic}-${partition}: offset ${r.offset} follows ${next - 1} (not dense)`);
        out.values.set(r.offset, r.value?.toString() ?? '');
        next = r.offset + 1;
      }
      next = Math.max(next, b.lastOffset + 1);
    }
    if (next === before) out.problems.push(`fetch ${topic}-${partition} at ${next}: only batches below the fetch offset`);
  }
  return out;
}
