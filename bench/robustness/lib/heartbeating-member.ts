// A consumer group member on a raw connection that joins (JoinGroup v5, with the member id
// round trip of KIP-394), syncs as the leader of a one-member group, then heartbeats every
// `everyMs`, recording each heartbeat's round-trip time and any error code.
import { ApiKey } from '../../../src/protocol/api.js';
import { KafkaConnection } from '../../lib/kafka-connection.js';

const MEMBER_ID_REQUIRED = 79;

export interface HeartbeatSample {
  /** performance.now() when the heartbeat was sent. */
  at: number;
  ms: number;
  errorCode: number;
}

export class HeartbeatingMember {
  readonly samples: HeartbeatSample[] = [];
  failure: string | null = null;
  private stopped = false;
  private loopDone: Promise<void> = Promise.resolve();

  private constructor(
    private readonly conn: KafkaConnection,
    readonly group: string,
    readonly sessionTimeoutMs: number,
    private memberId: string,
    private generationId: number,
  ) {}

  static async join(bootstrap: string, group: string, sessionTimeoutMs: number): Promise<HeartbeatingMember> {
    const conn = await KafkaConnection.open(bootstrap);
    const fc = await conn.request(ApiKey.FindCoordinator, 3, { key: group, keyType: 0 });
    if (fc.errorCode !== 0) throw new Error(`FindCoordinator: error ${fc.errorCode}`);
    const join = (memberId: string) =>
      conn.request(ApiKey.JoinGroup, 5, {
        groupId: group,
        sessionTimeoutMs,
        rebalanceTimeoutMs: sessionTimeoutMs,
        memberId,
        groupInstanceId: null,
        protocolType: 'consumer',
        protocols: [{ name: 'range', metadata: Buffer.alloc(0) }],
      });
    let joined = await join('');
    if (joined.errorCode === MEMBER_ID_REQUIRED) joined = await join(joined.memberId);
    if (joined.errorCode !== 0) throw new Error(`JoinGroup: error ${joined.errorCode}`);
    const synced = await conn.request(ApiKey.SyncGroup, 3, {
      groupId: group,
      generationId: joined.generationId,
      memberId: joined.memberId,
      groupInstanceId: null,
      assignments: [{ memberId: joined.memberId, assignment: Buffer.alloc(0) }],
    });
    if (synced.errorCode !== 0) throw new Error(`SyncGroup: error ${synced.errorCode}`);
    return new HeartbeatingMember(conn, group, sessionTimeoutMs, joined.memberId, joined.generationId);
  }

  start(everyMs: number): void {
    this.loopDone = this.loop(everyMs);
  }

  private async loop(everyMs: number): Promise<void> {
    while (!this.stopped) {
      const at = performance.now();
      try {
        const res = await this.conn.request(ApiKey.Heartbeat, 3, { groupId: this.group, generationId: this.generationId, memberId: this.memberId, groupInstanceId: null });
        this.samples.push({ at, ms: performance.now() - at, errorCode: res.errorCode });
      } catch (err) {
        this.failure = (err as Error).message;
        return;
      }
      const wait = everyMs - (performance.now() - at);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
  }

  async leave(): Promise<void> {
    this.stopped = true;
    await this.loopDone;
    try {
      await this.conn.request(ApiKey.LeaveGroup, 3, { groupId: this.group, members: [{ memberId: this.memberId, groupInstanceId: null }] });
    } finally {
      this.conn.close();
    }
  }
}
