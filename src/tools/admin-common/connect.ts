// What kafka-cluster, kafka-features, kafka-metadata-quorum, kafka-leader-election and
// kafka-client-metrics share: an Admin client built from a bootstrap list and an optional
// properties file, and Java's way of printing what failed.
import type { AdminClient } from '../../client/admin-client.js';
import { connectionSettings } from '../../client/config.js';
import { KafkaApiError } from '../../client/errors.js';
import { loadPropertiesFile } from '../../cli/client-config.js';
import { javaExceptionClass } from '../../java-compat/java-exceptions.js';

/**
 * Connects as Admin.create would with `bootstrap.servers` (or `bootstrap.controllers`: kt's node
 * is its own controller and answers the admin APIs on its one listener) over the properties file.
 */
export async function connectAdmin(bootstrap: string, configFile: string | undefined, clientId: string): Promise<AdminClient> {
  const props = configFile !== undefined ? loadPropertiesFile(configFile) : new Map<string, string>();
  props.set('bootstrap.servers', bootstrap);
  const settings = connectionSettings(props, { clientId, requestTimeoutMs: 30_000 });
  const { AdminClient } = await import('../../client/admin-client.js');
  return await AdminClient.connect(settings);
}

/** Java's Throwable.toString() for a failure: `<exception class>: <message>` for Kafka errors. */
export function exceptionText(e: unknown): string {
  if (e instanceof KafkaApiError) return `${javaExceptionClass(e.code)}: ${e.message}`;
  return e instanceof Error ? e.message : String(e);
}
