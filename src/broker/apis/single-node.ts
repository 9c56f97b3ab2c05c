// Facts every handler shares about a single-node cluster.
export { ZERO_UUID } from '../../protocol/primitives.js';

/** The only leader epoch a single node ever has. */
export const LEADER_EPOCH = 0;

/** Kafka's "authorized operations not requested" marker (Integer.MIN_VALUE). */
export const AUTHORIZED_OPERATIONS_OMITTED = -2147483648;
