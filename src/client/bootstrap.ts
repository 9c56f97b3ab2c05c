// Reaching a cluster: try each bootstrap server in turn, with exponential backoff between
// rounds, until one answers or the connect deadline passes; then fail with Java's message.
import type { ConnectionSettings } from './config.js';
import { ClientConnectionError, PipelinedConnection } from './connection.js';
import { ClusterUnreachableError } from './errors.js';

/**
 * Opens a connection to the first bootstrap server that accepts it and passes `prepare` (e.g. an
 * ApiVersions exchange). Connection failures move on to the next server; any other error from
 * `prepare` is thrown as is.
 */
export async function connectBootstrap<T>(
  settings: ConnectionSettings,
  prepare: (connection: PipelinedConnection, remainingMs: number) => Promise<T>,
): Promise<T> {
  const deadline = Date.now() + settings.connectDeadlineMs;
  let backoff = Math.max(settings.retryBackoffMs, 1);
  let lastFailure = '';
  for (;;) {
    for (let i = 0; i < settings.bootstrap.length; i++) {
      const { host, port } = settings.bootstrap[i]!;
      const remaining = deadline - Date.now();
      if (remaining <= 0) break;
      let connection: PipelinedConnection | undefined;
      try {
        connection = await PipelinedConnection.open(host, port, settings.clientId, Math.min(settings.connectTimeoutMs, remaining));
        return await prepare(connection, Math.max(deadline - Date.now(), 1));
      } catch (e) {
        connection?.close();
        if (!(e instanceof ClientConnectionError)) throw e;
        // Java's NetworkClient names bootstrap nodes -1, -2, ...
        lastFailure = `Connection to node ${-(i + 1)} (${host}:${port}) could not be established. Node may not be available.`;
      }
    }
    if (Date.now() + backoff >= deadline) throw new ClusterUnreachableError(lastFailure);
    await new Promise((r) => setTimeout(r, backoff));
    backoff = Math.min(backoff * 2, Math.max(settings.retryBackoffMaxMs, backoff));
  }
}
