// kt's package facts: the version `--version` prints (kt's own; Kafka's tools print the Kafka
// version they ship with) and the description the root help starts with.
import { readFileSync } from 'node:fs';

let cached: { version?: string; description?: string } | undefined;

function ktPackage(): { version?: string; description?: string } {
  // src/common/version.ts and dist/common/version.js both sit two levels below package.json.
  cached ??= JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string; description?: string };
  return cached;
}

export function ktVersion(): string {
  return ktPackage().version ?? 'unknown';
}

export function ktDescription(): string {
  return ktPackage().description ?? '';
}
