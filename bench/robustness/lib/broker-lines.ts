// The broker child's log lines that matter to a scenario (ERROR and worse, or any pattern),
// collected after its ready line: the first few kept verbatim, all of them counted by kind.
import type { BrokerProcess } from '../../lib/broker.js';

export class BrokerLines {
  readonly first: string[] = [];
  count = 0;
  /** Lines per kind: the line without its time stamp, numbers as N, cut at 90 characters. */
  readonly kinds = new Map<string, number>();
  /** The latest matching line (a failed shutdown's reason comes last). */
  last = '';
  private partial = '';

  constructor(
    broker: BrokerProcess,
    private readonly pattern = /\b(ERROR|FATAL)\b/,
    private readonly keep = 20,
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
      this.count++;
      this.last = line.trim().slice(0, 600);
      if (this.first.length < this.keep) this.first.push(line.trim().slice(0, 600));
      const kind = line.replace(/^\[[^\]]*\]\s*/, '').replace(/\d+/g, 'N').slice(0, 90);
      this.kinds.set(kind, (this.kinds.get(kind) ?? 0) + 1);
    }
  }
}
