// Every command is declared once in src/commands; the shipped manifest (npm run build) must list
// each with the flags derived from its option list, and each tool's entry must name the very
// option list the declaration uses (bin/run.js runs tools from those entries).
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { requireBuiltCli } from '../helpers/kt-process.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface ManifestFlag {
  type: 'boolean' | 'option';
  multiple?: boolean;
  hidden?: boolean;
  aliases?: string[];
}
interface ManifestCommand {
  id: string;
  summary?: string;
  flags: Record<string, ManifestFlag>;
  enableJsonFlag?: boolean;
  kafkaScript?: string;
  ktEntry?: { run: string; options?: string };
}

function commandIds(dir = `${ROOT}src/commands`, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? commandIds(`${dir}/${e.name}`, `${prefix}${e.name}:`) : [`${prefix}${e.name.replace(/\.ts$/, '')}`],
  );
}

async function distExport(ref: string): Promise<unknown> {
  const [module, name] = ref.split('#') as [string, string];
  return ((await import(`${ROOT}dist/${module}`)) as Record<string, unknown>)[name];
}

describe('oclif.manifest.json', () => {
  requireBuiltCli();
  const manifest = JSON.parse(readFileSync(`${ROOT}oclif.manifest.json`, 'utf8')) as { commands: Record<string, ManifestCommand> };

  it('lists every command of src/commands, and nothing else', () => {
    expect(Object.keys(manifest.commands).sort()).toEqual(commandIds().sort());
  });

  it('bundles every tool into one file that bin/run.js runs (scripts/bundle-tools.mjs)', async () => {
    const tools = Object.values(manifest.commands).filter((c) => c.ktEntry !== undefined && !c.ktEntry.run.includes('.bundle.js#'));
    expect(tools.length).toBeGreaterThan(15);
    for (const c of tools) {
      const bundle = c.ktEntry!.run.replace(/\.js#.*$/, '.bundle.js');
      expect(typeof (await distExport(`${bundle}#runBundled`)), c.id).toBe('function');
    }
  });

  it('gives every Kafka tool its script, summary and an entry whose run function exists', async () => {
    const tools = Object.values(manifest.commands).filter((c) => c.id !== 'help');
    expect(tools).toHaveLength(commandIds().length - 1);
    for (const c of tools) {
      expect(c.kafkaScript, c.id).toMatch(/^kafka-[a-z0-9-]+\.sh$/);
      expect(c.summary, c.id).toContain(`(${c.kafkaScript}).`);
      if (c.ktEntry!.run.includes('start.bundle.js')) continue; // the bundle starts nothing on import, but is large
      expect(typeof (await distExport(c.ktEntry!.run)), c.id).toBe('function');
    }
  });

  it('derives each flag from the tool\'s own option list, the one its entry reports usage errors with', async () => {
    for (const c of Object.values(manifest.commands)) {
      if (c.ktEntry?.options === undefined) continue;
      const specs = (await distExport(c.ktEntry.options)) as Array<{ name: string; arg?: string; hidden?: boolean; aliases?: string[] }>;
      const module = (await import(`${ROOT}dist/commands/${c.id.replace(':', '/')}.js`)) as { default: { flags: Record<string, unknown> } };
      const expected = specs.filter((s) => s.name !== 'json').map((s) => s.name).sort();
      expect(Object.keys(module.default.flags).sort(), c.id).toEqual(expected);
      for (const spec of specs.filter((s) => s.name !== 'json')) {
        const flag = c.flags[spec.name]!;
        expect(flag.type, `${c.id} --${spec.name}`).toBe((spec.arg ?? 'none') === 'none' ? 'boolean' : 'option');
        expect(flag.hidden ?? false, `${c.id} --${spec.name}`).toBe(spec.hidden === true);
        expect(flag.aliases ?? [], `${c.id} --${spec.name}`).toEqual(spec.aliases ?? []);
      }
      expect(c.enableJsonFlag ?? false, c.id).toBe(specs.some((s) => s.name === 'json'));
    }
  });

  it('marks the options tools read with valuesOf as repeatable', () => {
    expect(manifest.commands['topics']!.flags['config']!.multiple).toBe(true);
    expect(manifest.commands['consumer-groups']!.flags['group']!.multiple).toBe(true);
    expect(manifest.commands['server:start']!.flags['override']!.multiple).toBe(true);
    expect(manifest.commands['topics']!.flags['topic']!.multiple).toBe(false);
    expect(manifest.commands['producer-perf-test']!.flags['producer-props']!.multiple).toBe(true);
  });
});
