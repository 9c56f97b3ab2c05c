// man/ holds one roff page per command, generated from the command declarations (through the
// built manifest) by scripts/generate-man.mjs. This fails when the committed pages are stale:
// run `npm run build && npm run generate:man` and commit man/.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { requireBuiltCli } from '../helpers/kt-process.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const hasMan = ['/usr/bin/man', '/bin/man'].some((p) => existsSync(p));

describe('man pages', () => {
  requireBuiltCli();
  const fresh = mkdtempSync(join(tmpdir(), 'kt-man-'));
  afterAll(() => rmSync(fresh, { recursive: true, force: true }));

  it('man/ is what scripts/generate-man.mjs writes now (else: npm run build && npm run generate:man)', () => {
    execFileSync(process.execPath, [`${ROOT}scripts/generate-man.mjs`, '--out', fresh], { cwd: ROOT });
    const committed = readdirSync(`${ROOT}man`).sort();
    expect(readdirSync(fresh).sort()).toEqual(committed);
    for (const page of committed) expect(readFileSync(`${ROOT}man/${page}`, 'utf8'), page).toBe(readFileSync(`${fresh}/${page}`, 'utf8'));
  });

  it('ships every page: package.json files and man', () => {
    const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { files: string[]; man: string[] };
    expect(pkg.files).toContain('man');
    expect(pkg.man.map((m) => m.replace('./man/', '')).sort()).toEqual(readdirSync(`${ROOT}man`).sort());
    expect(pkg.man).toContain('./man/kt.1');
    expect(pkg.man).toContain('./man/kt-server-start.1');
  });

  it.skipIf(!hasMan)('man -l man/kt-topics.1 renders NAME, SYNOPSIS, OPTIONS, EXAMPLES and SEE ALSO', () => {
    const rendered = execFileSync('man', ['-l', `${ROOT}man/kt-topics.1`], { env: { ...process.env, MANWIDTH: '80' }, encoding: 'utf8' });
    // man justifies and hyphenates: compare words, not spacing.
    const text = rendered.replace(/\u2010\n\s*/g, '').replace(/[ \t]+/g, ' ');
    expect(text).toMatch(/^KT-TOPICS\(1\) kt manual KT-TOPICS\(1\)\n\nNAME\n kt-topics - Create, delete, describe, or change a topic \(kafka-topics\.sh\)\.\n/);
    expect(text).toContain('\nSYNOPSIS\n kt topics --bootstrap-server <host:port>');
    expect(text).toContain('\n --bootstrap-server=<server to connect to>\n REQUIRED: The Kafka server to connect to.\n');
    expect(text).toContain('\n --config=<name=value> (repeatable)\n');
    expect(text).toContain('\nEXAMPLES\n kt topics --bootstrap-server localhost:9092 --list\n');
    expect(text).toContain("\nSEE ALSO\n kt(1), Apache Kafka's kafka-topics.sh\n");
  });
});
