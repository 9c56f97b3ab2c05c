// esbuild options shared by kt's bundles (bundle-server.mjs, bundle-tools.mjs): one ES module
// for Node 20 with npm packages left external (native addons, wasm, oclif).
export const BUNDLE_OPTIONS = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  // Kept readable: stack traces (--verbose, DEBUG) name kt's own functions.
  minify: false,
  logLevel: 'warning',
};
