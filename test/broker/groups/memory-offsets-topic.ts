// An in-memory __consumer_offsets for coordinator tests: appends patch base offsets like the
// real log; `failAppends` makes the next appends throw a given Kafka error.
import type { AppendBatch, ReadResult } from '../../../src/broker/log/index.js';
import type { OffsetsPartitionLog, OffsetsTopic } from '../../../src/broker/groups/offsets-topic-store.js';
import { KafkaError } from '../../../src/protocol/errors.js';
import { decodeRecordBatches, type DecodedBatch } from '../../../src/protocol/records/record-batch.js';

export class MemoryPartitionLog implements OffsetsPartitionLog {
  readonly logStartOffset = 0;
  private readonly batches: { baseOffset: number; lastOffset: number; bytes: Buffer }[] = [];
  failWith: number | null = null;

  get logEndOffset(): number {
    return this.batches.length === 0 ? 0 : this.batches[this.batches.length - 1]!.lastOffset + 1;
  }

  append(records: Buffer, batches: ReadonlyArray<AppendBatch>): { firstOffset: number } {
    if (this.failWith !== null) throw new KafkaError(this.failWith, 'append failed');
    const firstOffset = this.logEndOffset;
    let offset = firstOffset;
    for (const b of batches) {
      const bytes = Buffer.from(records.subarray(b.position, b.position + b.size));
      bytes.writeBigInt64BE(BigInt(offset), 0);
      this.batches.push({ baseOffset: offset, lastOffset: offset + b.lastOffsetDelta, bytes });
      offset += b.lastOffsetDelta + 1;
    }
    return { firstOffset };
  }

  read(offset: number, _maxBytes: number, _minOneBatch: boolean): ReadResult {
    if (offset > this.logEndOffset) return { outOfRange: true };
    return { records: Buffer.concat(this.batches.filter((b) => b.lastOffset >= offset).map((b) => b.bytes)), outOfRange: false };
  }

  decoded(): DecodedBatch[] {
    return decodeRecordBatches(Buffer.concat(this.batches.map((b) => b.bytes)));
  }
}

export class MemoryOffsetsTopic implements OffsetsTopic {
  readonly logs = new Map<number, MemoryPartitionLog>();

  constructor(readonly partitionCount = 50) {}

  log(partition: number): MemoryPartitionLog {
    let log = this.logs.get(partition);
    if (!log) this.logs.set(partition, (log = new MemoryPartitionLog()));
    return log;
  }

  existingLog(partition: number): MemoryPartitionLog | undefined {
    return this.logs.get(partition);
  }
}
