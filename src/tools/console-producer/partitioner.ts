// Kafka's partitioner lives in the client; re-exported for the console tests that place keys.
export { murmur2, partitionForKey, toPositive } from '../../client/partitioner.js';
