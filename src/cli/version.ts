// The version `--version` prints: kt's own (Kafka's tools print the Kafka version they ship with).
import { readFileSync } from 'node:fs';

let cached: string | undefined;

export function ktVersion(): string {
  if (cached === undefined) {
    // src/cli/version.ts and dist/cli/version.js both sit two levels below package.json.
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    cached = pkg.version ?? 'unknown';
  }
  return cached;
}
