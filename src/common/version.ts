// kt's package facts: the version `--version` prints (kt's own; Kafka's tools print the Kafka
// version they ship with) and the description the root help starts with.
import { readFileSync } from 'node:fs';

let cached: { version?: string; description?: string } | undefined;

function ktPackage(): { version?: string; description?: string } {
  // src/common/version.ts and dist/common/version.js sit two levels below package.json, but the
  // bundled broker (dist/tools/server/start.bundle.js) inlines this module three levels down:
  // look upwards for the nearest package.json.
  if (cached !== undefined) return cached;
  for (const relative of ['../../package.json', '../../../package.json']) {
    try {
      cached = JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8')) as { version?: string; description?: string };
      return cached;
    } catch {
      // not here: one level up
    }
  }
  cached = {};
  return cached;
}

export function ktVersion(): string {
  return ktPackage().version ?? 'unknown';
}

export function ktDescription(): string {
  return ktPackage().description ?? '';
}
