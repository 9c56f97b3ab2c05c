// kt console tools and kcat interoperate in both directions, byte for byte: keys, values and
// headers written by one are read back exactly by the other.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker, type StartedBroker } from '../../src/index.js';
import { run } from '../helpers/run.js';
import { kt, requireBuiltCli } from '../helpers/kt-process.js';

const KCAT = '/usr/bin/kcat';
let broker: StartedBroker;

beforeAll(async () => {
  requireBuiltCli();
  broker = await startBroker({ port: 0 });
});
afterAll(async () => {
  await broker?.close();
});

const lines = Array.from({ length: 500 }, (_, i) => ({ key: `key-${i % 13}`, value: `välue ${i} ✓`, h: `h${i}` }));

describe('kcat <-> kt console tools', () => {
  it('kt console-producer -> kcat -C', async () => {
    const input = lines.map((l) => `src:kt,n:${l.h}\t${l.key}\t${l.value}\n`).join('');
    const p = await kt(['console-producer', '--bootstrap-server', broker.bootstrap, '--topic', 'kt-to-kcat', '--property', 'parse.key=true', '--property', 'parse.headers=true'], { input });
    expect(p).toMatchObject({ code: 0, stderr: '' });
    const c = await run(KCAT, ['-b', broker.bootstrap, '-C', '-t', 'kt-to-kcat', '-e', '-o', 'beginning', '-f', '%h\t%k\t%s\n']);
    expect(c.code).toBe(0);
    expect(c.stdout.toString()).toBe(lines.map((l) => `src=kt,n=${l.h}\t${l.key}\t${l.value}\n`).join(''));
  });

  it('kcat -P -> kt console-consumer', async () => {
    const input = lines.map((l) => `${l.key}|${l.value}\n`).join('');
    const p = await run(KCAT, ['-b', broker.bootstrap, '-P', '-t', 'kcat-to-kt', '-K|', '-H', 'src=kcat', '-H', 'empty='], { input });
    expect(p.code).toBe(0);
    const c = await kt([
      'console-consumer', '--bootstrap-server', broker.bootstrap, '--topic', 'kcat-to-kt', '--from-beginning', '--max-messages', String(lines.length),
      '--property', 'print.key=true', '--property', 'print.headers=true',
    ]);
    expect(c.code).toBe(0);
    expect(c.stdout.toString()).toBe(lines.map((l) => `src:kcat,empty:\t${l.key}\t${l.value}\n`).join(''));
    expect(c.stderr).toBe(`Processed a total of ${lines.length} messages\n`);
  });
});
