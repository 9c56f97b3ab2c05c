// `kt broker-api-versions` against kt's broker: every API the broker serves, with its range.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker, type StartedBroker } from '../../../src/index.js';
import { ApiKey, API_SCHEMAS } from '../../../src/protocol/api.js';
import { ktVersion } from '../../../src/common/version.js';
import { RawClient } from '../../helpers/raw-client.js';
import { kt, requireBuiltCli } from '../../helpers/kt-process.js';

let broker: StartedBroker;
const dir = mkdtempSync(join(tmpdir(), 'kt-api-versions-'));

beforeAll(async () => {
  requireBuiltCli();
  broker = await startBroker({ port: 0 });
});

afterAll(async () => {
  await broker?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('kt broker-api-versions', () => {
  it('lists every API the broker serves with its version range and the version kt would use', async () => {
    const raw = await RawClient.connect(broker.port);
    const advertised = (await raw.request(ApiKey.ApiVersions, 3, { clientSoftwareName: 'test', clientSoftwareVersion: '1' })).apiKeys;
    raw.close();

    const r = await kt(['broker-api-versions', '--bootstrap-server', broker.bootstrap]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const out = r.stdout.toString();
    expect(out.startsWith(`${broker.host}:${broker.port} (id: ${broker.broker.nodeId} rack: null isFenced: false) -> (\n\t`)).toBe(true);
    expect(out.endsWith('\n)\n')).toBe(true);
    const lines = out.slice(out.indexOf('(\n\t') + 3, -3).split(',\n\t');

    expect(advertised.length).toBeGreaterThan(10);
    for (const api of advertised) {
      const schema = API_SCHEMAS.find((s) => s.apiKey === api.apiKey)!;
      const range = api.minVersion === api.maxVersion ? `${api.minVersion}` : `${api.minVersion} to ${api.maxVersion}`;
      expect(lines).toContain(`${schema.name}(${api.apiKey}): ${range} [usable: ${Math.min(schema.maxVersion, api.maxVersion)}]`);
    }
    expect(lines).toContain('Produce(0): 0 to 11 [usable: 11]');
    expect(lines).toContain('SaslHandshake(17): UNSUPPORTED');
    // Everything else a broker could serve is listed as unsupported, in key order.
    const unsupported = API_SCHEMAS.filter((s) => (s.listeners.includes('broker') || s.listeners.includes('zkBroker')) && !advertised.some((a) => a.apiKey === s.apiKey));
    expect(lines.filter((l) => l.endsWith(': UNSUPPORTED'))).toEqual(unsupported.map((s) => `${s.name}(${s.apiKey}): UNSUPPORTED`));
    const keys = lines.map((l) => Number(/\((\d+)\)/.exec(l)![1]));
    expect(keys).toEqual([...keys].sort((a, b) => a - b));
  });

  it('prints the usage for no arguments or --help (stderr, exit 1) and the version for --version', async () => {
    for (const args of [[], ['--help']]) {
      const r = await kt(['broker-api-versions', ...args]);
      expect(r.code).toBe(1);
      expect(r.stdout.toString()).toBe('');
      expect(r.stderr).toMatch(/^This tool helps to retrieve broker version information\.\nOption +Description/);
    }
    const v = await kt(['broker-api-versions', '--version']);
    expect(v).toMatchObject({ code: 0, stderr: '' });
    expect(v.stdout.toString()).toBe(`${ktVersion()}\n`);
  });

  it('rejects a missing --bootstrap-server with the usage, and unknown options with one line', async () => {
    const missing = await kt(['broker-api-versions', '--command-config', 'x.properties']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^Missing required argument "\[bootstrap-server\]"\nOption +Description/);

    const unknown = await kt(['broker-api-versions', '--bootstrap-server', broker.bootstrap, '--bogus']);
    expect(unknown).toMatchObject({ code: 1, stderr: 'bogus is not a recognized option\n' });
    expect(unknown.stdout.toString()).toBe('');
  });

  it('fails with Java\'s message when no bootstrap server answers', async () => {
    const config = join(dir, 'fast.properties');
    writeFileSync(config, 'default.api.timeout.ms=200\nretry.backoff.ms=50\n');
    const r = await kt(['broker-api-versions', '--bootstrap-server', '127.0.0.1:1', '--command-config', config]);
    expect(r).toMatchObject({ code: 1, stderr: 'Request METADATA failed on brokers [127.0.0.1:1 (id: -1 rack: null isFenced: false)]\n' });
    expect(r.stdout.toString()).toBe('');
  });
});
