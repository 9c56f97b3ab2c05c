import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ClientConfigError, connectionSettings, parseBootstrapServers, parseHostPort } from '../../src/client/config.js';
import { loadPropertiesFile, parseKeyValueArgs } from '../../src/cli/client-config.js';

const dir = mkdtempSync(join(tmpdir(), 'kt-cli-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('parseKeyValueArgs', () => {
  it('splits at the first = and gives bare keys an empty value; later values win', () => {
    const props = parseKeyValueArgs(['a=1', 'b=x=y', 'c', 'd=', 'a=2']);
    expect([...props]).toEqual([
      ['a', '2'],
      ['b', 'x=y'],
      ['c', ''],
      ['d', ''],
    ]);
  });
});

describe('loadPropertiesFile', () => {
  it('reads Java .properties syntax as ISO-8859-1', () => {
    const file = join(dir, 'client.properties');
    writeFileSync(file, Buffer.concat([Buffer.from('# comment\n! also\nclient.id = my-app\nsasl:x\nlong=a\\\n   b\nname=caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
    const props = loadPropertiesFile(file);
    expect(props.get('client.id')).toBe('my-app');
    expect(props.get('sasl')).toBe('x');
    expect(props.get('long')).toBe('ab');
    expect(props.get('name')).toBe('café');
  });

  it('names a missing file like Java', () => {
    expect(() => loadPropertiesFile(join(dir, 'missing.properties'))).toThrow(`java.nio.file.NoSuchFileException: ${join(dir, 'missing.properties')}`);
  });
});

describe('bootstrap servers', () => {
  it('parses host:port and [ipv6]:port', () => {
    expect(parseHostPort('localhost:9092')).toEqual({ host: 'localhost', port: 9092 });
    expect(parseHostPort('[::1]:9093')).toEqual({ host: '::1', port: 9093 });
    expect(parseHostPort('localhost')).toBeUndefined();
    expect(parseHostPort('localhost:abc')).toBeUndefined();
  });

  it('validates the list like the Java client', () => {
    expect(parseBootstrapServers(' a:1, b:2 ,')).toEqual([
      { host: 'a', port: 1 },
      { host: 'b', port: 2 },
    ]);
    expect(() => parseBootstrapServers('a:1,b')).toThrow('Invalid url in bootstrap.servers: b');
    expect(() => parseBootstrapServers(' , ')).toThrow('No resolvable bootstrap urls given in bootstrap.servers');
  });
});

describe('connectionSettings', () => {
  const base = new Map([['bootstrap.servers', 'localhost:9092']]);

  it('applies the tool defaults and client properties', () => {
    const s = connectionSettings(new Map([...base, ['request.timeout.ms', '1500'], ['retries', '2']]), { clientId: 'console-producer', requestTimeoutMs: 30000 });
    expect(s.clientId).toBe('console-producer');
    expect(s.requestTimeoutMs).toBe(1500);
    expect(s.retries).toBe(2);
    expect(s.connectDeadlineMs).toBe(5000);
    expect(connectionSettings(new Map([...base, ['client.id', 'me']]), { clientId: 'x', requestTimeoutMs: 1 }).clientId).toBe('me');
  });

  it('accepts PLAINTEXT only, with clear errors for the rest', () => {
    expect(() => connectionSettings(new Map([...base, ['security.protocol', 'plaintext']]), { clientId: 'x', requestTimeoutMs: 1 })).not.toThrow();
    expect(() => connectionSettings(new Map([...base, ['security.protocol', 'SASL_SSL']]), { clientId: 'x', requestTimeoutMs: 1 })).toThrow(
      new ClientConfigError('security.protocol=SASL_SSL is not supported by kt yet; only PLAINTEXT connections are available.'),
    );
    expect(() => connectionSettings(new Map([...base, ['security.protocol', 'TLS']]), { clientId: 'x', requestTimeoutMs: 1 })).toThrow(
      'Invalid value TLS for configuration security.protocol: String must be one of: PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL',
    );
  });

  it('rejects non-numeric timeouts with ConfigException wording', () => {
    expect(() => connectionSettings(new Map([...base, ['request.timeout.ms', 'soon']]), { clientId: 'x', requestTimeoutMs: 1 })).toThrow(
      'Invalid value soon for configuration request.timeout.ms: Not a number of type INT',
    );
  });
});
