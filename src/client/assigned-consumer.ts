// A consumer of explicitly assigned partitions without a group (KafkaConsumer.assign): one
// Fetch at a time per leader, records decoded in full. For tools that read a record or a few
// per poll (e2e latency), where simplicity beats throughput.
import { ErrorCode, errorName } from '../protocol/errors.js';
import { decodeRecordBatches, type DecodedRecord } from '../protocol/records/record-batch.js';
import { Cluster, type TopicLayout } from './cluster.js';
import { KafkaApiError } from './errors.js';
import type { PipelinedConnection } from './connection.js';
import { DEFAULT_FETCH_SETTINGS, sendFetch } from './fetcher.js';
import { LATEST, listOffsets } from './list-offsets.js';

export class AssignedConsumer {
  private constructor(
    private readonly layout: TopicLayout,
    private readonly positions: Map<number, number>,
    private readonly connections: Map<number, PipelinedConnection>,
    private readonly maxWaitMs: number,
  ) {}

  /** Assigned to every partition of the topic, positioned at the end (seekToEnd). */
  static async atEnd(cluster: Cluster, layout: TopicLayout, maxWaitMs: number): Promise<AssignedConsumer> {
    const partitions = layout.leaders.map((_, p) => p);
    const positions = await listOffsets(cluster, layout, partitions, LATEST);
    const connections = new Map<number, PipelinedConnection>();
    // Own connections: a waiting Fetch must not hold up the producer's responses.
    for (const leader of new Set(layout.leaders)) connections.set(leader, await cluster.openDedicated(leader));
    return new AssignedConsumer(layout, positions, connections, maxWaitMs);
  }

  /** Records past the positions, waiting up to `timeoutMs` for at least one. */
  async poll(timeoutMs: number): Promise<DecodedRecord[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const remaining = deadline - Date.now();
      const waitMs = Math.max(0, Math.min(this.maxWaitMs, remaining));
      const records = (await Promise.all([...this.connections].map(([leader, c]) => this.fetchFrom(leader, c, waitMs)))).flat();
      if (records.length > 0 || Date.now() >= deadline) return records;
    }
  }

  close(): void {
    for (const c of this.connections.values()) c.close();
  }

  private async fetchFrom(leader: number, connection: PipelinedConnection, maxWaitMs: number): Promise<DecodedRecord[]> {
    const partitions = [...this.positions.keys()].filter((p) => this.layout.leaders[p] === leader);
    const response = await sendFetch(connection, this.layout.name, partitions, this.positions, { ...DEFAULT_FETCH_SETTINGS, maxWaitMs });
    const out: DecodedRecord[] = [];
    for (const topic of response.responses) {
      for (const p of topic.partitions) {
        if (p.errorCode !== ErrorCode.NONE) throw new KafkaApiError(p.errorCode, `Fetch from ${this.layout.name}-${p.partitionIndex} failed: ${errorName(p.errorCode)}`);
        if (p.records === null || p.records.length === 0) continue;
        let position = this.positions.get(p.partitionIndex)!;
        for (const batch of decodeRecordBatches(p.records, { verifyCrc: false })) {
          if (batch.isControl) {
            position = Math.max(position, batch.lastOffset + 1);
            continue;
          }
          for (const record of batch.records) {
            if (record.offset < position) continue;
            out.push(record);
            position = record.offset + 1;
          }
        }
        this.positions.set(p.partitionIndex, position);
      }
    }
    return out;
  }
}
