// Where group requests go, and how long they are retried: each group's coordinator is found with
// FindCoordinator (and found again when it moved), and a loading or unavailable coordinator is
// retried with backoff until the tool's --timeout, as Java's Admin client does.
import { ApiKey } from '../../protocol/api.js';
import { ErrorCode } from '../../protocol/errors.js';
import type { AdminClient, BrokerNode } from '../../client/admin-client.js';
import { groupApiError } from './errors.js';

const COORDINATOR_MOVED = new Set<number>([ErrorCode.COORDINATOR_NOT_AVAILABLE, ErrorCode.NOT_COORDINATOR]);
const RETRIABLE = new Set<number>([...COORDINATOR_MOVED, ErrorCode.COORDINATOR_LOAD_IN_PROGRESS]);
const RETRY_BACKOFF_MS = 100;
const RETRY_BACKOFF_MAX_MS = 1000;

/** Repeats `call` while it answers a retriable group error, with backoff, until `timeoutMs` passed. */
export async function retryGroupErrors<T>(timeoutMs: number, call: () => Promise<T>, errorOf: (response: T) => number, onRetry?: (code: number) => void): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let backoff = RETRY_BACKOFF_MS;
  for (;;) {
    const response = await call();
    const code = errorOf(response);
    if (!RETRIABLE.has(code) || Date.now() + backoff >= deadline) return response;
    onRetry?.(code);
    await new Promise((r) => setTimeout(r, backoff));
    backoff = Math.min(backoff * 2, RETRY_BACKOFF_MAX_MS);
  }
}

export class GroupCoordinators {
  private readonly known = new Map<string, Promise<BrokerNode>>();

  constructor(
    private readonly client: AdminClient,
    private readonly timeoutMs: number,
  ) {}

  /** Sends a group request to the group's coordinator; `errorOf` picks the group-level error. */
  async send<T>(groupId: string, call: (client: AdminClient) => Promise<T>, errorOf: (response: T) => number): Promise<{ response: T; coordinator: BrokerNode }> {
    let coordinator!: BrokerNode;
    const response = await retryGroupErrors(
      this.timeoutMs,
      async () => {
        coordinator = await this.find(groupId);
        return await call(await this.client.toBroker(coordinator));
      },
      errorOf,
      (code) => {
        if (COORDINATOR_MOVED.has(code)) this.known.delete(groupId);
      },
    );
    return { response, coordinator };
  }

  private find(groupId: string): Promise<BrokerNode> {
    let node = this.known.get(groupId);
    if (node === undefined) {
      node = this.lookUp(groupId);
      node.catch(() => this.known.delete(groupId));
      this.known.set(groupId, node);
    }
    return node;
  }

  private async lookUp(groupId: string): Promise<BrokerNode> {
    const response = await retryGroupErrors(
      this.timeoutMs,
      () => this.client.send(ApiKey.FindCoordinator, { key: groupId, keyType: 0, coordinatorKeys: [groupId] }),
      (r) => r.coordinators[0]?.errorCode ?? r.errorCode,
    );
    // v4+ answers per key; older versions at the top level.
    const answer = response.coordinators[0] ?? response;
    if (answer.errorCode !== ErrorCode.NONE) throw groupApiError(answer.errorCode, answer.errorMessage);
    return { nodeId: answer.nodeId, host: answer.host, port: answer.port };
  }
}
