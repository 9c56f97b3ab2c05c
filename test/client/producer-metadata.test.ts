import { describe, expect, it } from 'vitest';
import type { Cluster } from '../../src/client/cluster.js';
import { initProducerId } from '../../src/client/producer-metadata.js';
import { ErrorCode } from '../../src/protocol/errors.js';

/** A cluster whose bootstrap connection answers InitProducerId with `codes`, one per request. */
function clusterAnswering(...codes: number[]): { cluster: Cluster; requests: () => number } {
  let requests = 0;
  const send = () => {
    const code = codes[Math.min(requests++, codes.length - 1)]!;
    return Promise.resolve({ throttleTimeMs: 0, errorCode: code, producerId: code === ErrorCode.NONE ? 42n : -1n, producerEpoch: code === ErrorCode.NONE ? 3 : -1 });
  };
  return { cluster: { bootstrap: { send } } as unknown as Cluster, requests: () => requests };
}

describe('InitProducerId as the Java producer handles it', () => {
  it('retries retriable errors, then uses the id and epoch', async () => {
    const { cluster, requests } = clusterAnswering(ErrorCode.COORDINATOR_LOAD_IN_PROGRESS, ErrorCode.NOT_COORDINATOR, ErrorCode.NONE);
    expect(await initProducerId(cluster, 1, 5000)).toEqual({ producerId: 42, epoch: 3 });
    expect(requests()).toBe(3);
  });

  it('makes an authorization failure fatal with its own exception', async () => {
    const { cluster } = clusterAnswering(ErrorCode.CLUSTER_AUTHORIZATION_FAILED);
    expect(String(await initProducerId(cluster, 1, 5000).catch((e: unknown) => e))).toBe(
      'org.apache.kafka.common.errors.ClusterAuthorizationException: Cluster authorization failed.',
    );
  });

  it('makes any other error a KafkaException', async () => {
    const { cluster } = clusterAnswering(ErrorCode.UNSUPPORTED_VERSION);
    expect(String(await initProducerId(cluster, 1, 5000).catch((e: unknown) => e))).toBe(
      'org.apache.kafka.common.KafkaException: Unexpected error in InitProducerIdResponse; The version of API is not supported.',
    );
  });
});
