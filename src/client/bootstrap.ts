// Reaching a cluster: try each bootstrap server in turn, with exponential backoff between
// rounds, until one answers or the connect deadline passes; then fail with a message that says
// why. Unlike Java's client, which retries every failure until default.api.timeout.ms, a round
// in which every server refused the connection or could not be resolved ends at once: nothing
// listens there, and a script should not wait five seconds to learn it.
import { reportConnected, reportConnecting } from './activity.js';
import type { ConnectionSettings } from './config.js';
import { ClientConnectionError, PipelinedConnection, type ConnectFailureKind } from './connection.js';
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
    const kinds: ConnectFailureKind[] = [];
    for (let i = 0; i < settings.bootstrap.length; i++) {
      const { host, port } = settings.bootstrap[i]!;
      const remaining = deadline - Date.now();
      if (remaining <= 0) break;
      let connection: PipelinedConnection | undefined;
      let preparedWithinMs = 0;
      try {
        reportConnecting(`${host}:${port}`);
        connection = await PipelinedConnection.open(host, port, settings.clientId, Math.min(settings.connectTimeoutMs, remaining));
        preparedWithinMs = Math.max(deadline - Date.now(), 1);
        const prepared = await prepare(connection, preparedWithinMs);
        reportConnected(`${host}:${port}`);
        return prepared;
      } catch (e) {
        connection?.close();
        if (!(e instanceof ClientConnectionError)) throw e;
        kinds.push(e.kind);
        // Which timeout ended the attempt: the socket's setup timeout or the overall deadline while
        // connecting; the request timeout or the deadline while waiting for the first answer.
        const timeout: TimeoutName =
          connection === undefined
            ? settings.connectTimeoutMs <= remaining
              ? 'socket.connection.setup.timeout.ms'
              : 'default.api.timeout.ms'
            : settings.requestTimeoutMs <= preparedWithinMs
              ? 'request.timeout.ms'
              : 'default.api.timeout.ms';
        lastFailure = failureMessage(e, i, host, port, settings, connection !== undefined, timeout);
      }
    }
    // Every server refused or has no address: no point in waiting for the deadline.
    if (kinds.length === settings.bootstrap.length && kinds.every((k) => k === 'refused' || k === 'unresolved')) {
      throw new ClusterUnreachableError(lastFailure);
    }
    if (Date.now() + backoff >= deadline) {
      throw new ClusterUnreachableError(lastFailure !== '' ? lastFailure : deadlineMessage(settings));
    }
    await new Promise((r) => setTimeout(r, backoff));
    backoff = Math.min(backoff * 2, Math.max(settings.retryBackoffMaxMs, backoff));
  }
}

type TimeoutName = 'socket.connection.setup.timeout.ms' | 'request.timeout.ms' | 'default.api.timeout.ms';

function failureMessage(
  e: ClientConnectionError,
  index: number,
  host: string,
  port: number,
  settings: ConnectionSettings,
  connected: boolean,
  timeout: TimeoutName,
): string {
  // Java's NetworkClient names bootstrap nodes -1, -2, ...
  const node = `node ${-(index + 1)} (${host}:${port})`;
  const ms =
    timeout === 'socket.connection.setup.timeout.ms' ? settings.connectTimeoutMs : timeout === 'request.timeout.ms' ? settings.requestTimeoutMs : settings.connectDeadlineMs;
  switch (e.kind) {
    case 'unresolved':
      // Java's ClientUtils warning for a bootstrap server without an address.
      return `Couldn't resolve server ${host}:${port} from bootstrap.servers as DNS resolution failed for ${host}`;
    case 'timeout':
      return connected
        ? `Timed out after ${ms} ms (${timeout}) waiting for ${node} to answer: is it a Kafka listener?`
        : `Connection to ${node} timed out after ${ms} ms (${timeout})`;
    default:
      return `Connection to ${node} could not be established. Node may not be available.`;
  }
}

function deadlineMessage(settings: ConnectionSettings): string {
  return `Timed out after ${settings.connectDeadlineMs} ms (default.api.timeout.ms) connecting to the bootstrap servers`;
}
