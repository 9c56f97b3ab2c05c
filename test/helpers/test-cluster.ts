// kt's client connected to a test broker with short timeouts and no retries, so a client test
// fails fast instead of waiting out the production defaults.
import { Cluster } from '../../src/client/cluster.js';

export async function connectTestCluster(bootstrap: string, clientId: string): Promise<Cluster> {
  const [host, port] = bootstrap.split(':') as [string, string];
  return await Cluster.connect({
    bootstrap: [{ host, port: Number(port) }],
    clientId,
    requestTimeoutMs: 5000,
    connectTimeoutMs: 5000,
    connectDeadlineMs: 5000,
    retries: 0,
    retryBackoffMs: 50,
    retryBackoffMaxMs: 50,
  });
}
