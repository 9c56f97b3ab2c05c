// The classic group coordinator: JoinGroup/SyncGroup/Heartbeat/LeaveGroup, OffsetCommit/OffsetFetch,
// persisted in __consumer_offsets.
export { GroupCoordinator, type GroupCoordinatorOptions, type GroupRequestContext } from './coordinator.js';
export { DEFAULT_GROUP_COORDINATOR_CONFIG, groupCoordinatorConfigFrom, type GroupCoordinatorConfig } from './config.js';
export type { OffsetsPartitionLog, OffsetsTopic } from './offsets-topic-store.js';
export { OFFSETS_TOPIC, javaStringHashCode, offsetsPartitionFor } from './partition-for.js';
export { systemScheduler, type Cancel, type Scheduler } from './scheduler.js';
export type { GroupDescription, GroupMemberDescription, GroupOverview } from './views.js';
export type { GroupState } from './group.js';
export type { DeleteOffsetsResult, DeleteOffsetsTopic } from './admin.js';
