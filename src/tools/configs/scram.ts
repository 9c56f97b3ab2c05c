// kafka-configs for users' SCRAM credentials: DescribeUserScramCredentials and
// AlterUserScramCredentials. An upsertion carries a random salt and the salted password
// (SCRAM's Hi(), i.e. PBKDF2 with the mechanism's HMAC), never the password itself.
import { pbkdf2Sync, randomBytes } from 'node:crypto';
import { ApiKey } from '../../protocol/api.js';
import { ErrorCode } from '../../protocol/errors.js';
import { AdminFutureError, adminCall, type ConfigsAdmin } from './admin.js';
import { ConfigsArgumentError } from './options.js';
import { javaExceptionText } from '../../java-compat/java-exceptions.js';

interface ScramMechanism {
  /** ScramMechanism.type() on the wire. */
  readonly type: number;
  /** The internal enum constant's name, which Kafka's "Invalid credential property" message shows. */
  readonly constant: string;
  readonly digest: 'sha256' | 'sha512';
  readonly keyLength: number;
  readonly minIterations: number;
}

const MECHANISMS: ReadonlyMap<string, ScramMechanism> = new Map([
  ['SCRAM-SHA-256', { type: 1, constant: 'SCRAM_SHA_256', digest: 'sha256', keyLength: 32, minIterations: 4096 }],
  ['SCRAM-SHA-512', { type: 2, constant: 'SCRAM_SHA_512', digest: 'sha512', keyLength: 64, minIterations: 4096 }],
]);
const NAMES_BY_TYPE = new Map([...MECHANISMS].map(([name, m]) => [m.type, name]));
const DEFAULT_ITERATIONS = 4096;

export function isScramMechanism(key: string): boolean {
  return MECHANISMS.has(key);
}

/** One user's SCRAM credentials as DescribeUserScramCredentials reports them (or its error). */
export interface ScramCredentialsResult {
  readonly user: string;
  /** Mechanism (SCRAM-SHA-256, SCRAM-SHA-512) and iterations; null when `error` is set. */
  readonly credentials: readonly { readonly mechanism: string; readonly iterations: number }[] | null;
  /** Kafka's exception text for this user's failure, else null. */
  readonly error: string | null;
}

/** The credentials of the users the broker knows (a requested user without any is left out, as Kafka's users() does). */
export async function describeUserScramCredentials(admin: ConfigsAdmin, users: readonly string[]): Promise<ScramCredentialsResult[]> {
  admin.requireApi(admin.client, ApiKey.DescribeUserScramCredentials);
  const response = await adminCall(() => admin.client.send(ApiKey.DescribeUserScramCredentials, { users: users.map((name) => ({ name })) }));
  if (response.errorCode !== ErrorCode.NONE) throw new AdminFutureError(javaExceptionText(response.errorCode, response.errorMessage));
  return response.results
    .filter((r) => r.errorCode !== ErrorCode.RESOURCE_NOT_FOUND)
    .map((r) =>
      r.errorCode !== ErrorCode.NONE
        ? { user: r.user, credentials: null, error: javaExceptionText(r.errorCode, r.errorMessage) }
        : { user: r.user, credentials: r.credentialInfos.map((c) => ({ mechanism: NAMES_BY_TYPE.get(c.mechanism) ?? 'UNKNOWN', iterations: c.iterations })), error: null },
    );
}

/** `SCRAM credential configs for user-principal 'u' are SCRAM-SHA-256=iterations=4096`, per user. */
export function scramCredentialsText(result: ScramCredentialsResult): string {
  if (result.error !== null) return `Error retrieving SCRAM credential configs for user-principal '${result.user}': ExecutionException: ${result.error}\n`;
  const infos = (result.credentials ?? []).map((c) => `${c.mechanism}=iterations=${c.iterations}`).join(', ');
  return `SCRAM credential configs for user-principal '${result.user}' are ${infos}\n`;
}

/** `[iterations=<n>,]password=<p>` (iterations -1 or absent: 4096). */
function parseCredential(mechanismName: string, mechanism: ScramMechanism, text: string): { iterations: number; password: string } {
  const m = /^(?:iterations=(-?[0-9]*),)?password=(.*)$/s.exec(text);
  if (m === null) throw new ConfigsArgumentError(`Invalid credential property ${mechanism.constant}=${text}`);
  const raw = m[1];
  let iterations = DEFAULT_ITERATIONS;
  if (raw !== undefined && raw !== '-1') {
    // Scala's toInt: an empty or oversized number escapes as a NumberFormatException.
    if (!/^-?[0-9]+$/.test(raw) || Math.abs(Number(raw)) > 2147483647) throw new Error(`java.lang.NumberFormatException: For input string: "${raw}"`);
    iterations = Number(raw);
  }
  if (iterations < mechanism.minIterations) {
    throw new ConfigsArgumentError(`Iterations ${iterations} is less than the minimum ${mechanism.minIterations} required for ${mechanismName}`);
  }
  return { iterations, password: m[2]! };
}

/** UserScramCredentialUpsertion's salt: a random 130-bit number in base 36, as UTF-8. */
function randomSalt(): Buffer {
  const n = BigInt(`0x${randomBytes(17).toString('hex')}`) >> 6n;
  return Buffer.from(n.toString(36), 'utf8');
}

export async function alterUserScramCredentials(admin: ConfigsAdmin, user: string, toAdd: ReadonlyMap<string, string>, toDelete: readonly string[]): Promise<void> {
  const deletions = toDelete.map((name) => ({ name: user, mechanism: MECHANISMS.get(name)!.type }));
  const upsertions = [...toAdd].map(([name, value]) => {
    const mechanism = MECHANISMS.get(name)!;
    const { iterations, password } = parseCredential(name, mechanism, value);
    const salt = randomSalt();
    const saltedPassword = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, mechanism.keyLength, mechanism.digest);
    return { name: user, mechanism: mechanism.type, iterations, salt, saltedPassword };
  });
  admin.requireApi(admin.client, ApiKey.AlterUserScramCredentials);
  const response = await adminCall(() => admin.client.send(ApiKey.AlterUserScramCredentials, { deletions, upsertions }));
  for (const r of response.results) {
    if (r.errorCode !== ErrorCode.NONE) throw new AdminFutureError(javaExceptionText(r.errorCode, r.errorMessage));
  }
}
