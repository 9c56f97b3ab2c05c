// Using up a broker's descriptors with client connections: connect one after another until the
// broker no longer answers a new one (its accept fails with EMFILE and libuv closes the
// connection). Each connection that got an ApiVersions answer holds one broker descriptor.
import { ApiKey } from '../../../src/protocol/api.js';
import { RawClient } from '../../helpers/raw-client.js';

/** ApiVersions on a fresh connection: the client once answered, null when the broker did not take it. */
async function connectAnswered(port: number, waitMs: number): Promise<RawClient | null> {
  let client: RawClient;
  try {
    client = await RawClient.connect(port);
  } catch {
    return null;
  }
  const answered = client.request(ApiKey.ApiVersions, 3, { clientSoftwareName: 'kt-test', clientSoftwareVersion: '1' }).then(
    () => true,
    () => false,
  );
  const closed = client.waitClosed(waitMs).then(
    () => false,
    () => false,
  );
  if (await Promise.race([answered, closed])) return client;
  client.close();
  return null;
}

/**
 * Opens connections until the broker stops taking them (at most `max`); returns the ones it took.
 * `waitMs` bounds how long an unanswered connection is waited for (it is then counted refused).
 */
export async function exhaustDescriptors(port: number, max: number, waitMs = 10_000): Promise<RawClient[]> {
  const held: RawClient[] = [];
  while (held.length < max) {
    const client = await connectAnswered(port, waitMs);
    if (client === null) break;
    held.push(client);
  }
  return held;
}
