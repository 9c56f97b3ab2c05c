// A log dir the broker cannot use stops `kt server start` at once: exit 1, one line with the OS
// error (a path under /proc used to spin forever inside Node's recursive mkdir).
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { kt, requireBuiltCli } from '../../helpers/kt-process.js';

const scratch = mkdtempSync(join(tmpdir(), 'kt-logdirs-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const FATAL = 'ERROR Exiting Kafka due to fatal exception during startup. ';

async function startFails(logDirs: string, obeyFilePermissions = false): Promise<string> {
  requireBuiltCli();
  const r = await kt(['server', 'start', '--override', 'listeners=PLAINTEXT://127.0.0.1:0', '--override', `log.dirs=${logDirs}`], { obeyFilePermissions });
  expect(r.code).toBe(1);
  expect(r.stderr).toBe('');
  const lines = r.stdout.toString().split('\n').filter((l) => l !== '');
  expect(lines).toHaveLength(1);
  const at = lines[0]!.indexOf(FATAL);
  expect(at).toBeGreaterThan(0);
  expect(lines[0]!.endsWith(' (kafka.Kafka)')).toBe(true);
  return lines[0]!.slice(at + FATAL.length, -' (kafka.Kafka)'.length);
}

it('a dir under /proc fails with ENOENT instead of spinning', async () => {
  expect(await startFails('/proc/kt-logs/data')).toBe(
    "Failed to create or validate data directory /proc/kt-logs/data: ENOENT: no such file or directory, mkdir '/proc/kt-logs'",
  );
});

it('a regular file where the dir should be fails with ENOTDIR', async () => {
  const file = join(scratch, 'not-a-dir');
  writeFileSync(file, 'x');
  expect(await startFails(file)).toBe(`Failed to create or validate data directory ${file}: ENOTDIR: not a directory, scandir '${file}'`);
  expect(await startFails(join(file, 'below'))).toBe(`Failed to create or validate data directory ${join(file, 'below')}: ENOTDIR: not a directory, mkdir '${join(file, 'below')}'`);
});

it('a dir the broker cannot write fails with EACCES', async () => {
  const dir = join(scratch, 'read-only');
  mkdirSync(dir);
  chmodSync(dir, 0o555);
  // root writes anywhere: run the broker without that privilege then.
  expect(await startFails(dir, process.getuid?.() === 0)).toBe(`Failed to create or validate data directory ${dir}: EACCES: permission denied, access '${dir}'`);
});
