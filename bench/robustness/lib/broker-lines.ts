// The broker child's log lines that matter to a scenario (ERROR and worse, or any pattern),
// collected after its ready line: the first few kept verbatim, all of them counted by kind.
import type { BrokerProcess } from '../../lib/broker.js';

/**
 * ERROR lines Kafka itself logs for a client's bad input, so a fuzzed broker logs them too: the
 * produce-side validator's verdicts that Kafka answers from ReplicaManager's catch-all ("Error
 * processing append operation on partition ...", UNKNOWN_SERVER_ERROR), e.g. compressed records
 * that do not decompress, or a kept compressed batch whose offsets need a rebuild ("key is skipped
 * in PartialDefaultRecord"). kt writes that line only for such validator results (apis/produce.ts);
 * a handler that fails logs differently and still counts.
 */
export const KAFKA_BAD_INPUT_ERRORS = /ERROR Error processing append operation on partition \S+: /;

export class BrokerLines {
  readonly first: string[] = [];
  count = 0;
  /** Matching lines that are also `expected` (counted apart, never in `first` or `count`). */
  expectedCount = 0;
  /** Lines per kind: the line without its time stamp, numbers as N, cut at 90 characters. */
  readonly kinds = new Map<string, number>();
  /** The latest matching line (a failed shutdown's reason comes last). */
  last = '';
  private partial = '';

  constructor(
    broker: BrokerProcess,
    private readonly pattern = /\b(ERROR|FATAL)\b/,
    private readonly keep = 20,
    private readonly expected: RegExp | null = null,
  ) {
    const take = (d: Buffer) => this.take(d.toString());
    broker.child.stdout!.on('data', take);
    broker.child.stderr!.on('data', take);
  }

  private take(text: string): void {
    const lines = (this.partial + text).split('\n');
    this.partial = lines.pop()!;
    for (const line of lines) {
      if (!this.pattern.test(line)) continue;
      if (this.expected?.test(line)) {
        this.expectedCount++;
        continue;
      }
      this.count++;
      this.last = line.trim().slice(0, 600);
      if (this.first.length < this.keep) this.first.push(line.trim().slice(0, 600));
      const kind = line.replace(/^\[[^\]]*\]\s*/, '').replace(/\d+/g, 'N').slice(0, 90);
      this.kinds.set(kind, (this.kinds.get(kind) ?? 0) + 1);
    }
  }
}
