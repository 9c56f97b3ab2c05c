// One member of a classic group (Kafka's MemberMetadata / ClassicGroupMember).
import { EMPTY_BYTES, type JoinResult, type SyncResult } from './results.js';
import type { Cancel } from './scheduler.js';

export interface MemberProtocol {
  readonly name: string;
  readonly metadata: Buffer;
}

export class ClassicGroupMember {
  /** A parked JoinGroup; set while the member waits for the join phase to finish. */
  awaitingJoin: ((result: JoinResult) => void) | null = null;
  /** A parked SyncGroup; set while the member waits for the leader's assignment. */
  awaitingSync: ((result: SyncResult) => void) | null = null;
  /**
   * Joined in the current rebalance and has not had a JoinGroup response yet. New members cannot
   * heartbeat, so they expire on the new-member join timeout even while parked.
   */
  isNew = false;
  cancelHeartbeat: Cancel | null = null;

  constructor(
    public memberId: string,
    readonly groupInstanceId: string | null,
    readonly clientId: string,
    readonly clientHost: string,
    public rebalanceTimeoutMs: number,
    public sessionTimeoutMs: number,
    readonly protocolType: string,
    /** In the member's order of preference. */
    public supportedProtocols: readonly MemberProtocol[],
    public assignment: Buffer = EMPTY_BYTES,
  ) {}

  get isStatic(): boolean {
    return this.groupInstanceId !== null;
  }

  get isAwaitingJoin(): boolean {
    return this.awaitingJoin !== null;
  }

  get isAwaitingSync(): boolean {
    return this.awaitingSync !== null;
  }

  /**
   * Checked when the heartbeat deadline passes: members parked in a rebalance count as alive,
   * except new ones (they would otherwise linger forever if the client went away).
   */
  hasSatisfiedHeartbeat(): boolean {
    return !this.isNew && (this.isAwaitingJoin || this.isAwaitingSync);
  }

  metadata(protocol: string): Buffer {
    const p = this.supportedProtocols.find((x) => x.name === protocol);
    if (!p) throw new Error(`Member ${this.memberId} does not support protocol ${protocol}`);
    return p.metadata;
  }

  /** Same protocols, same order, same metadata bytes. */
  matches(protocols: readonly MemberProtocol[]): boolean {
    if (protocols.length !== this.supportedProtocols.length) return false;
    for (let i = 0; i < protocols.length; i++) {
      const a = protocols[i]!;
      const b = this.supportedProtocols[i]!;
      if (a.name !== b.name || !a.metadata.equals(b.metadata)) return false;
    }
    return true;
  }

  /** The member's most preferred protocol among the candidates. */
  vote(candidates: ReadonlySet<string>): string {
    const p = this.supportedProtocols.find((x) => candidates.has(x.name));
    if (!p) throw new Error(`Member ${this.memberId} does not support any of the candidate protocols`);
    return p.name;
  }
}
