// Every version of a broker API that Kafka's schemas define and kt deliberately does not serve,
// with the reason. Together with the handlers' declared ranges this must cover every version the
// schemas offer (test/broker/apis/api-versions-pinned.test.ts), so refreshing the schemas to a
// Kafka that adds a version fails that test until someone decides to serve it or lists it here.
import { ApiKey } from '../../protocol/api.js';

export interface UnservedVersions {
  readonly apiKey: ApiKey;
  readonly minVersion: number;
  readonly maxVersion: number;
  readonly reason: string;
}

const SASL = 'kt has no SASL or SSL listeners yet';
const ACLS = 'kt has no authorizer (ACLs) yet';
const TOKENS = 'delegation tokens need SASL, which kt does not have yet';
const QUOTAS = 'kt has no client quotas yet';
const KIP_848 = 'kt serves only classic consumer groups (no KIP-848 protocol) yet';
const SHARE_GROUPS = 'share groups (KIP-932) are early access and unstable in this Kafka';
const UNSTABLE = 'the schema marks this version unstable';
const KRAFT = 'KRaft quorum management: kt keeps its metadata in a snapshot, not a quorum';
const TELEMETRY = 'client telemetry (KIP-714) is not collected yet';

export const UNSERVED_VERSIONS: readonly UnservedVersions[] = [
  { apiKey: ApiKey.SaslHandshake, minVersion: 0, maxVersion: 1, reason: SASL },
  { apiKey: ApiKey.EndTxn, minVersion: 5, maxVersion: 5, reason: UNSTABLE },
  { apiKey: ApiKey.DescribeAcls, minVersion: 0, maxVersion: 3, reason: ACLS },
  { apiKey: ApiKey.CreateAcls, minVersion: 0, maxVersion: 3, reason: ACLS },
  { apiKey: ApiKey.DeleteAcls, minVersion: 0, maxVersion: 3, reason: ACLS },
  { apiKey: ApiKey.AlterReplicaLogDirs, minVersion: 0, maxVersion: 2, reason: 'moving replicas between log dirs is not implemented' },
  { apiKey: ApiKey.SaslAuthenticate, minVersion: 0, maxVersion: 2, reason: SASL },
  { apiKey: ApiKey.CreateDelegationToken, minVersion: 0, maxVersion: 3, reason: TOKENS },
  { apiKey: ApiKey.RenewDelegationToken, minVersion: 0, maxVersion: 2, reason: TOKENS },
  { apiKey: ApiKey.ExpireDelegationToken, minVersion: 0, maxVersion: 2, reason: TOKENS },
  { apiKey: ApiKey.DescribeDelegationToken, minVersion: 0, maxVersion: 3, reason: TOKENS },
  { apiKey: ApiKey.AlterPartitionReassignments, minVersion: 0, maxVersion: 0, reason: 'one node has no replica to move' },
  { apiKey: ApiKey.ListPartitionReassignments, minVersion: 0, maxVersion: 0, reason: 'one node has no reassignment; kafka-topics --describe tolerates UNSUPPORTED_VERSION' },
  { apiKey: ApiKey.DescribeClientQuotas, minVersion: 0, maxVersion: 1, reason: QUOTAS },
  { apiKey: ApiKey.AlterClientQuotas, minVersion: 0, maxVersion: 1, reason: QUOTAS },
  { apiKey: ApiKey.DescribeUserScramCredentials, minVersion: 0, maxVersion: 0, reason: SASL },
  { apiKey: ApiKey.AlterUserScramCredentials, minVersion: 0, maxVersion: 0, reason: SASL },
  { apiKey: ApiKey.ConsumerGroupHeartbeat, minVersion: 0, maxVersion: 0, reason: KIP_848 },
  { apiKey: ApiKey.ConsumerGroupHeartbeat, minVersion: 1, maxVersion: 1, reason: UNSTABLE },
  { apiKey: ApiKey.ConsumerGroupDescribe, minVersion: 0, maxVersion: 0, reason: KIP_848 },
  { apiKey: ApiKey.GetTelemetrySubscriptions, minVersion: 0, maxVersion: 0, reason: TELEMETRY },
  { apiKey: ApiKey.PushTelemetry, minVersion: 0, maxVersion: 0, reason: TELEMETRY },
  { apiKey: ApiKey.ShareGroupHeartbeat, minVersion: 0, maxVersion: 0, reason: SHARE_GROUPS },
  { apiKey: ApiKey.ShareGroupDescribe, minVersion: 0, maxVersion: 0, reason: SHARE_GROUPS },
  { apiKey: ApiKey.ShareFetch, minVersion: 0, maxVersion: 0, reason: SHARE_GROUPS },
  { apiKey: ApiKey.ShareAcknowledge, minVersion: 0, maxVersion: 0, reason: SHARE_GROUPS },
  { apiKey: ApiKey.AddRaftVoter, minVersion: 0, maxVersion: 0, reason: KRAFT },
  { apiKey: ApiKey.RemoveRaftVoter, minVersion: 0, maxVersion: 0, reason: KRAFT },
  { apiKey: ApiKey.InitializeShareGroupState, minVersion: 0, maxVersion: 0, reason: SHARE_GROUPS },
  { apiKey: ApiKey.ReadShareGroupState, minVersion: 0, maxVersion: 0, reason: SHARE_GROUPS },
  { apiKey: ApiKey.WriteShareGroupState, minVersion: 0, maxVersion: 0, reason: SHARE_GROUPS },
  { apiKey: ApiKey.DeleteShareGroupState, minVersion: 0, maxVersion: 0, reason: SHARE_GROUPS },
  { apiKey: ApiKey.ReadShareGroupStateSummary, minVersion: 0, maxVersion: 0, reason: SHARE_GROUPS },
];
