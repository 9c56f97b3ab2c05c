// Authorized-operations bit fields (DescribeGroups, DescribeCluster) as Kafka reports them with no
// authorizer configured: every operation its ACLs support on the resource type.

/** Kafka's AclOperation codes. */
const READ = 3;
const CREATE = 5;
const DELETE = 6;
const ALTER = 7;
const DESCRIBE = 8;
const CLUSTER_ACTION = 9;
const DESCRIBE_CONFIGS = 10;
const ALTER_CONFIGS = 11;
const IDEMPOTENT_WRITE = 12;

const bitField = (ops: number[]) => ops.reduce((bits, op) => bits | (1 << op), 0);

/** READ, DESCRIBE, DELETE, DESCRIBE_CONFIGS, ALTER_CONFIGS on a group. */
export const GROUP_AUTHORIZED_OPERATIONS = bitField([READ, DESCRIBE, DELETE, DESCRIBE_CONFIGS, ALTER_CONFIGS]);

/** CREATE, CLUSTER_ACTION, DESCRIBE_CONFIGS, ALTER_CONFIGS, IDEMPOTENT_WRITE, ALTER, DESCRIBE on the cluster. */
export const CLUSTER_AUTHORIZED_OPERATIONS = bitField([CREATE, CLUSTER_ACTION, DESCRIBE_CONFIGS, ALTER_CONFIGS, IDEMPOTENT_WRITE, ALTER, DESCRIBE]);
