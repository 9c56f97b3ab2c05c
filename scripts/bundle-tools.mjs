#!/usr/bin/env node
// Bundles each Kafka-style tool, with src/cli's runner, into one file next to its run module
// (dist/tools/topics/run.js -> dist/tools/topics/run.bundle.js), which bin/run.js's fast path
// loads. Resolving and linking a tool's ~40-80 separate ES modules (its own, java-compat, the
// client, the protocol tables) cost more than a third of `kt topics --list`; one file parses in
// a fraction of it (bench/cli-time.ts). The runner (src/cli/run-entry.ts, tool.ts) is inside the
// bundle so the tool and its exit/EPIPE handling share one copy of their state. npm packages stay
// external. Runs after tsc (and after bundle-server.mjs) as part of `npm run build`; the entries
// are read from the compiled command declarations, so a new command is bundled without listing it.
import { build } from 'esbuild';
import { BUNDLE_OPTIONS } from './bundle-options.mjs';
import { readdirSync, statSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));

function commandFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return commandFiles(path);
    return name.endsWith('.js') ? [path] : [];
  });
}

const entries = [];
for (const file of commandFiles(join(dist, 'commands'))) {
  const command = (await import(pathToFileURL(file).href)).default;
  const entry = command?.ktEntry;
  // Already one file (kt server start: scripts/bundle-server.mjs), or not a Kafka-style tool.
  if (entry === undefined || entry.run.includes('.bundle.js#')) continue;
  entries.push(entry);
}

const split = (ref) => {
  const hash = ref.lastIndexOf('#');
  return { module: ref.slice(0, hash), name: ref.slice(hash + 1) };
};

await Promise.all(
  entries.map(async (entry) => {
    const run = split(entry.run);
    const options = entry.options === undefined ? undefined : split(entry.options);
    const stub = join(dist, `${run.module.replace(/\.js$/, '')}.bundle-entry.mjs`);
    const spec = (module) => JSON.stringify(pathToFileURL(join(dist, module)).pathname);
    writeFileSync(
      stub,
      [
        `import { runLoaded } from ${spec('cli/run-entry.js')};`,
        `import { ${run.name} as run } from ${spec(run.module)};`,
        options === undefined ? 'const options = [];' : `import { ${options.name} as options } from ${spec(options.module)};`,
        'export function runBundled(entry, argv) { return runLoaded(entry, argv, run, options); }',
        '',
      ].join('\n'),
    );
    try {
      await build({
        entryPoints: [stub],
        outfile: join(dist, `${run.module.replace(/\.js$/, '')}.bundle.js`),
        ...BUNDLE_OPTIONS,
      });
    } finally {
      rmSync(stub);
    }
  }),
);
process.stdout.write(`bundled ${entries.length} tools\n`);
