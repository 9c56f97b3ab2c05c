// The text of `describe --status` and `describe --replication` (MetadataQuorumCommand).
import type { QuorumInfo, ReplicaState } from '../../client/admin/quorum.js';

const ZERO_UUID = 'AAAAAAAAAAAAAAAAAAAAAA';

function label(name: string): string {
  return `${name}:`.padEnd(24);
}

/** `{"id": 1, "directoryId": null, "endpoints": [...]}`: endpoints only when the node is known. */
function replicaJson(replica: ReplicaState, endpoints: ReadonlyMap<number, readonly string[]>): string {
  const directory = replica.directoryId === ZERO_UUID ? 'null' : `"${replica.directoryId}"`;
  const known = endpoints.get(replica.replicaId);
  const listed = known !== undefined && known.length > 0 ? `, "endpoints": [${known.map((e) => `"${e}"`).join(', ')}]` : '';
  return `{"id": ${replica.replicaId}, "directoryId": ${directory}${listed}}`;
}

export function statusText(clusterId: string, quorum: QuorumInfo): string {
  const leader = quorum.voters.find((v) => v.replicaId === quorum.leaderId);
  const leaderEnd = leader?.logEndOffset ?? 0n;
  // The laggiest voter: lowest log end offset (the first one when tied, as Java's min()).
  let laggiest: ReplicaState | undefined;
  for (const v of quorum.voters) if (laggiest === undefined || v.logEndOffset < laggiest.logEndOffset) laggiest = v;
  const maxLag = laggiest === undefined ? 0n : leaderEnd - laggiest.logEndOffset;
  let maxLagTime: bigint;
  if (laggiest === undefined || leader === undefined || laggiest.replicaId === leader.replicaId) maxLagTime = 0n;
  else if (leader.lastCaughtUpTimestamp >= 0n && laggiest.lastCaughtUpTimestamp >= 0n) maxLagTime = leader.lastCaughtUpTimestamp - laggiest.lastCaughtUpTimestamp;
  else maxLagTime = -1n;
  const list = (replicas: readonly ReplicaState[]) => `[${replicas.map((r) => replicaJson(r, quorum.endpoints)).join(', ')}]`;
  return [
    `${label('ClusterId')}${clusterId}`,
    `${label('LeaderId')}${quorum.leaderId}`,
    `${label('LeaderEpoch')}${quorum.leaderEpoch}`,
    `${label('HighWatermark')}${quorum.highWatermark}`,
    `${label('MaxFollowerLag')}${maxLag}`,
    `${label('MaxFollowerLagTimeMs')}${maxLagTime}`,
    `${label('CurrentVoters')}${list(quorum.voters)}`,
    `${label('CurrentObservers')}${list(quorum.observers)}`,
  ]
    .map((l) => `${l}\n`)
    .join('');
}

/** ToolsUtils.prettyPrintTable: left-aligned cells padded to the column width, each followed by a TAB. */
export function prettyTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => `${c.padEnd(widths[i]!)}\t`).join('') + '\n';
  return line(headers) + rows.map(line).join('');
}

export function replicationTable(quorum: QuorumInfo, humanReadable: boolean, nowMs: number): string {
  const leader = quorum.voters.find((v) => v.replicaId === quorum.leaderId);
  const leaderEnd = leader?.logEndOffset ?? 0n;
  const time = (ts: bigint) => (ts < 0n ? '-1' : humanReadable ? `${BigInt(nowMs) - ts} ms ago` : `${ts}`);
  const row = (r: ReplicaState, status: string) => [
    `${r.replicaId}`,
    r.directoryId,
    `${r.logEndOffset}`,
    `${leaderEnd - r.logEndOffset}`,
    time(r.lastFetchTimestamp),
    time(r.lastCaughtUpTimestamp),
    status,
  ];
  const rows = [
    ...(leader ? [row(leader, 'Leader')] : []),
    ...quorum.voters.filter((v) => v !== leader).map((v) => row(v, 'Follower')),
    ...quorum.observers.map((o) => row(o, 'Observer')),
  ];
  return prettyTable(['NodeId', 'DirectoryId', 'LogEndOffset', 'Lag', 'LastFetchTimestamp', 'LastCaughtUpTimestamp', 'Status'], rows);
}
