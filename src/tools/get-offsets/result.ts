// What kt get-offsets found: the typed result both Kafka's text and --json render.

export interface PartitionOffset {
  readonly topic: string;
  readonly partition: number;
  /** The offset ListOffsets answered for --time. */
  readonly offset: bigint;
}

export interface GetOffsetsResult {
  /** In Kafka's order: by `<topic>-<partition>` as a string. */
  readonly offsets: readonly PartitionOffset[];
}

/** GetOffsetShell's lines: `<topic>:<partition>:<offset>`. */
export function formatGetOffsets(result: GetOffsetsResult): string {
  return result.offsets.map((o) => `${o.topic}:${o.partition}:${o.offset}\n`).join('');
}
