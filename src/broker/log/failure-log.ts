// Storage failures are logged once per cause, not once per attempt: with a full disk every
// produce and every writeback pass fails the same way, and logging each would fill the disk the
// broker's log lines go to as well. The first failure of an operation is logged at ERROR (Kafka
// logs its storage errors at ERROR); repeats with the same cause are counted; the first success
// afterwards is logged at INFO with the count.
import { causeText } from './errors.js';

export class FailureLog {
  private readonly failing = new Map<string, { cause: string; count: number }>();

  constructor(
    private readonly error: (message: string) => void,
    private readonly info: (message: string) => void,
  ) {}

  /** `operation` failed; `message` is Kafka's text for it, the OS error is appended. */
  failed(operation: string, message: string, err: unknown): void {
    const cause = causeText(err);
    const current = this.failing.get(operation);
    if (current !== undefined && current.cause === cause) {
      current.count++;
      return;
    }
    this.failing.set(operation, { cause, count: 1 });
    this.error(`${message}: ${cause}`);
  }

  /** Whether any operation is failing now (callers on hot paths check this before succeeded()). */
  get active(): boolean {
    return this.failing.size > 0;
  }

  /** `operation` succeeded; logs the recovery if it had been failing. */
  succeeded(operation: string, message: string): void {
    const current = this.failing.get(operation);
    if (current === undefined) return;
    this.failing.delete(operation);
    this.info(`${message} again, after ${current.count} failed attempt(s) (${current.cause})`);
  }
}
