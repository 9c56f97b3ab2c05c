// Every API handler the broker serves. ApiVersions advertises exactly these.
import type { ApiHandler } from './handler.js';
import addOffsetsToTxn from './add-offsets-to-txn.js';
import addPartitionsToTxn from './add-partitions-to-txn.js';
import alterConfigs from './alter-configs.js';
import apiVersions from './api-versions.js';
import createPartitions from './create-partitions.js';
import createTopics from './create-topics.js';
import deleteGroups from './delete-groups.js';
import deleteRecords from './delete-records.js';
import deleteTopics from './delete-topics.js';
import describeCluster from './describe-cluster.js';
import describeConfigs from './describe-configs.js';
import describeGroups from './describe-groups.js';
import describeQuorum from './describe-quorum.js';
import describeLogDirs from './describe-log-dirs.js';
import describeProducers from './describe-producers.js';
import electLeaders from './elect-leaders.js';
import endTxn from './end-txn.js';
import describeTopicPartitions from './describe-topic-partitions.js';
import describeTransactions from './describe-transactions.js';
import fetch from './fetch.js';
import findCoordinator from './find-coordinator.js';
import heartbeat from './heartbeat.js';
import incrementalAlterConfigs from './incremental-alter-configs.js';
import initProducerId from './init-producer-id.js';
import joinGroup from './join-group.js';
import leaveGroup from './leave-group.js';
import listClientMetricsResources from './list-client-metrics-resources.js';
import listGroups from './list-groups.js';
import listOffsets from './list-offsets.js';
import listTransactions from './list-transactions.js';
import metadata from './metadata.js';
import offsetCommit from './offset-commit.js';
import offsetDelete from './offset-delete.js';
import offsetFetch from './offset-fetch.js';
import offsetForLeaderEpoch from './offset-for-leader-epoch.js';
import produce from './produce.js';
import syncGroup from './sync-group.js';
import txnOffsetCommit from './txn-offset-commit.js';
import unregisterBroker from './unregister-broker.js';
import updateFeatures from './update-features.js';
import writeTxnMarkers from './write-txn-markers.js';

export const ALL_HANDLERS: ReadonlyArray<ApiHandler<any>> = [
  produce,
  fetch,
  listOffsets,
  metadata,
  offsetCommit,
  offsetFetch,
  findCoordinator,
  joinGroup,
  heartbeat,
  leaveGroup,
  syncGroup,
  apiVersions,
  createTopics,
  deleteTopics,
  initProducerId,
  offsetForLeaderEpoch,
  addPartitionsToTxn,
  addOffsetsToTxn,
  endTxn,
  txnOffsetCommit,
  describeConfigs,
  createPartitions,
  describeTopicPartitions,
  describeGroups,
  listGroups,
  deleteGroups,
  offsetDelete,
  alterConfigs,
  incrementalAlterConfigs,
  deleteRecords,
  describeLogDirs,
  describeQuorum,
  updateFeatures,
  describeCluster,
  unregisterBroker,
  describeTransactions,
  listTransactions,
  listClientMetricsResources,
  electLeaders,
  writeTxnMarkers,
  describeProducers,
];
