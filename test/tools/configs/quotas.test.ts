// kafka-configs for users/clients against a broker that serves the quota and SCRAM APIs (kt's
// does not, so a scripted AdminClient answers): requests sent, and Kafka's output lines.
import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AdminClient } from '../../../src/client/admin-client.js';
import { ConfigsAdmin } from '../../../src/tools/configs/admin.js';
import { alterQuotaEntities, describeQuotaEntities, quotasText } from '../../../src/tools/configs/quotas.js';
import { scramCredentialsText } from '../../../src/tools/configs/scram.js';
import { ApiKey } from '../../../src/protocol/api.js';

interface Sent {
  apiKey: number;
  body: unknown;
}

/** An AdminClient that supports every API and answers each key with the scripted response. */
function scriptedClient(responses: Partial<Record<number, unknown>>): { client: AdminClient; sent: Sent[] } {
  const sent: Sent[] = [];
  const client = {
    supports: () => true,
    send: async (apiKey: number, body: unknown) => {
      sent.push({ apiKey, body });
      return responses[apiKey];
    },
  } as unknown as AdminClient;
  return { client, sent };
}

function captureStdout(): () => string {
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += chunk.toString();
    return true;
  });
  return () => out;
}

afterEach(() => {
  vi.restoreAllMocks();
});

const quotas = (entries: Array<{ entity: Array<[string, string | null]>; values: Array<[string, number]> }>) => ({
  errorCode: 0,
  errorMessage: null,
  entries: entries.map((e) => ({
    entity: e.entity.map(([entityType, entityName]) => ({ entityType, entityName })),
    values: e.values.map(([key, value]) => ({ key, value })),
  })),
});

describe('describing users and clients', () => {
  it('prints quotas in HashMap order with Java doubles, then each user\'s SCRAM credentials', async () => {
    const { client, sent } = scriptedClient({
      [ApiKey.DescribeClientQuotas]: quotas([
        { entity: [['user', 'alice']], values: [['producer_byte_rate', 1024], ['consumer_byte_rate', 2048]] },
        { entity: [['user', 'bob']], values: [['request_percentage', 50.5]] },
        { entity: [['user', null]], values: [['producer_byte_rate', 1e7]] },
      ]),
      [ApiKey.DescribeUserScramCredentials]: {
        errorCode: 0,
        errorMessage: null,
        results: [
          { user: 'alice', errorCode: 0, errorMessage: null, credentialInfos: [{ mechanism: 1, iterations: 8192 }, { mechanism: 2, iterations: 4096 }] },
          { user: 'bob', errorCode: 91, errorMessage: 'Attempt to describe a user credential that does not exist', credentialInfos: [] },
          { user: 'carol', errorCode: -1, errorMessage: 'boom', credentialInfos: [] },
        ],
      },
    });
    const result = await describeQuotaEntities(new ConfigsAdmin(client), { action: 'describe', entityTypes: ['users'], entityNames: [] });
    // Entity buckets of a 4-slot HashMap: default user 0, alice 1, bob 2; alice's keys: consumer_byte_rate 0, producer_byte_rate 3.
    expect(quotasText(result.quotas) + result.scramCredentials.map(scramCredentialsText).join('')).toBe(
      'Quota configs for the default user-principal are producer_byte_rate=1.0E7\n' +
        "Quota configs for user-principal 'alice' are consumer_byte_rate=2048.0, producer_byte_rate=1024.0\n" +
        "Quota configs for user-principal 'bob' are request_percentage=50.5\n" +
        "SCRAM credential configs for user-principal 'alice' are SCRAM-SHA-256=iterations=8192, SCRAM-SHA-512=iterations=4096\n" +
        "Error retrieving SCRAM credential configs for user-principal 'carol': ExecutionException: org.apache.kafka.common.errors.UnknownServerException: boom\n",
    );
    // --json prints the same result.
    expect(JSON.parse(JSON.stringify(result))).toEqual({
      entityTypes: ['users'],
      quotas: [
        { entity: { user: null }, values: { producer_byte_rate: 1e7 } },
        { entity: { user: 'alice' }, values: { consumer_byte_rate: 2048, producer_byte_rate: 1024 } },
        { entity: { user: 'bob' }, values: { request_percentage: 50.5 } },
      ],
      scramCredentials: [
        { user: 'alice', credentials: [{ mechanism: 'SCRAM-SHA-256', iterations: 8192 }, { mechanism: 'SCRAM-SHA-512', iterations: 4096 }], error: null },
        { user: 'carol', credentials: null, error: 'org.apache.kafka.common.errors.UnknownServerException: boom' },
      ],
    });
    expect(sent).toEqual([
      { apiKey: ApiKey.DescribeClientQuotas, body: { components: [{ entityType: 'user', matchType: 2, match: null }], strict: true } },
      { apiKey: ApiKey.DescribeUserScramCredentials, body: { users: [] } },
    ]);
  });

  it('asks for the exact user and client, the defaults, and skips SCRAM when clients are involved', async () => {
    const { client, sent } = scriptedClient({
      [ApiKey.DescribeClientQuotas]: quotas([{ entity: [['user', 'alice'], ['client-id', null]], values: [['producer_byte_rate', 1.5]] }]),
    });
    const result = await describeQuotaEntities(new ConfigsAdmin(client), { action: 'describe', entityTypes: ['users', 'clients'], entityNames: ['alice', ''] });
    expect(quotasText(result.quotas)).toBe("Quota configs for user-principal 'alice', the default client-id are producer_byte_rate=1.5\n");
    expect(result.scramCredentials).toEqual([]);
    expect(sent).toEqual([
      {
        apiKey: ApiKey.DescribeClientQuotas,
        body: {
          components: [
            { entityType: 'user', matchType: 0, match: 'alice' },
            { entityType: 'client-id', matchType: 1, match: null },
          ],
          strict: true,
        },
      },
    ]);
  });
});

describe('altering users and clients', () => {
  it('sets and removes quotas after checking the removed keys are set', async () => {
    const { client, sent } = scriptedClient({
      [ApiKey.DescribeClientQuotas]: quotas([{ entity: [['client-id', 'c1']], values: [['consumer_byte_rate', 10]] }]),
      [ApiKey.AlterClientQuotas]: { entries: [{ errorCode: 0, errorMessage: null, entity: [{ entityType: 'client-id', entityName: 'c1' }] }] },
    });
    const command = { action: 'alter' as const, entityTypes: ['clients'], entityNames: ['c1'] };
    await alterQuotaEntities(new ConfigsAdmin(client), command, new Map([['producer_byte_rate', '1e3']]), ['consumer_byte_rate']);
    expect(sent[1]).toEqual({
      apiKey: ApiKey.AlterClientQuotas,
      body: {
        entries: [
          {
            entity: [{ entityType: 'client-id', entityName: 'c1' }],
            ops: [
              { key: 'producer_byte_rate', value: 1000, remove: false },
              { key: 'consumer_byte_rate', value: 0, remove: true },
            ],
          },
        ],
        validateOnly: false,
      },
    });
    await expect(alterQuotaEntities(new ConfigsAdmin(client), command, new Map(), ['request_percentage'])).rejects.toThrow('Invalid config(s): request_percentage');
    await expect(alterQuotaEntities(new ConfigsAdmin(client), command, new Map([['producer_byte_rate', 'fast']]), [])).rejects.toThrow(
      'Cannot parse quota configuration value for producer_byte_rate: fast',
    );
  });

  it('upserts a SCRAM credential with a random salt and the PBKDF2-salted password, never the password', async () => {
    const { client, sent } = scriptedClient({ [ApiKey.AlterUserScramCredentials]: { results: [{ user: 'alice', errorCode: 0, errorMessage: null }] } });
    const command = { action: 'alter' as const, entityTypes: ['users'], entityNames: ['alice'] };
    await alterQuotaEntities(new ConfigsAdmin(client), command, new Map([['SCRAM-SHA-256', 'iterations=4096,password=s3cret']]), ['SCRAM-SHA-512']);
    const body = sent[0]!.body as { deletions: unknown[]; upsertions: Array<{ name: string; mechanism: number; iterations: number; salt: Buffer; saltedPassword: Buffer }> };
    expect(body.deletions).toEqual([{ name: 'alice', mechanism: 2 }]);
    const [upsertion] = body.upsertions;
    expect(upsertion).toMatchObject({ name: 'alice', mechanism: 1, iterations: 4096 });
    expect(upsertion!.salt.toString('utf8')).toMatch(/^[0-9a-z]{20,26}$/);
    // RFC 5802 Hi(): U1 = HMAC(password, salt || INT(1)), Ui = HMAC(password, Ui-1), result = U1 xor ... xor Un.
    let u = createHmac('sha256', 's3cret').update(Buffer.concat([upsertion!.salt, Buffer.from([0, 0, 0, 1])])).digest();
    const hi = Buffer.from(u);
    for (let i = 1; i < 4096; i++) {
      u = createHmac('sha256', 's3cret').update(u).digest();
      for (let j = 0; j < hi.length; j++) hi[j]! ^= u[j]!;
    }
    expect(upsertion!.saltedPassword.equals(hi)).toBe(true);
    expect(JSON.stringify(body)).not.toContain('s3cret');
  });
});
