#!/usr/bin/env node
// Writes oclif.manifest.json (shipped in the package) from the compiled command classes in
// dist/commands, with @oclif/core's own Config/Plugin API, so the manifest is exactly what oclif
// would cache, plus each Kafka tool's `ktEntry`, which bin/run.js reads to run a tool without
// loading oclif. Runs after tsc in `npm run build`.
import { Config } from '@oclif/core';
import { rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const path = `${root}oclif.manifest.json`;
// A stale manifest would be read back instead of the commands.
rmSync(path, { force: true });
const config = await Config.load({ root, devPlugins: false, userPlugins: false });
const plugin = config.plugins.get(config.pjson.name);
if (plugin === undefined) throw new Error(`generate-manifest: the root plugin ${config.pjson.name} was not loaded`);
const manifest = { commands: plugin.manifest.commands, version: config.version };
const ids = Object.keys(manifest.commands).sort();
manifest.commands = Object.fromEntries(ids.map((id) => [id, manifest.commands[id]]));
writeFileSync(path, `${JSON.stringify(manifest, null, 2)}\n`);
process.stdout.write(`oclif.manifest.json: ${ids.length} commands\n`);
