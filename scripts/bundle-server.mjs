#!/usr/bin/env node
// Bundles `kt server start` (dist/tools/server/start.js and the ~150 broker modules it loads) into
// one file, dist/tools/server/start.bundle.js, which kt server start runs (its entry in src/commands/server/start.ts). Resolving and linking
// that many separate ES modules was most of the broker's start-to-ready time (bench/startup.ts);
// one file parses in a fraction of it. npm packages stay external (native addons, wasm).
// Runs after tsc as part of `npm run build`, so the bundle never lags the compiled files.
import { build } from 'esbuild';
import { BUNDLE_OPTIONS } from './bundle-options.mjs';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../dist/tools/server/', import.meta.url));

await build({
  entryPoints: [`${dist}start.js`],
  outfile: `${dist}start.bundle.js`,
  ...BUNDLE_OPTIONS,
});
