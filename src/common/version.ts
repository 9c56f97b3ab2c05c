// kt's package facts: the version `--version` prints (kt's own; Kafka's tools print the Kafka
// version they ship with) and the description the root help starts with.
import { readFileSync } from 'node:fs';

let cached: { version?: string; description?: string } | undefined;

function ktPackage(): { version?: string; description?: string } {
  // src/common/version.ts and dist/common/version.js sit two levels below package.json, the
  // server bundle (dist/tools/server/start.bundle.js, which inlines this module) three.
  for (const up of ['../../package.json', '../../../package.json']) {
    if (cached !== undefined) break;
    try {
      cached = JSON.parse(readFileSync(new URL(up, import.meta.url), 'utf8')) as { version?: string; description?: string };
    } catch {
      // not at this level
    }
  }
  return cached ?? {};
}

export function ktVersion(): string {
  return ktPackage().version ?? 'unknown';
}

export function ktDescription(): string {
  return ktPackage().description ?? '';
}
