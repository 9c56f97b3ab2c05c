// A small tmpfs mounted for one scenario (a log dir that fills up). Needs root; `mountTmpfs`
// returns the reason instead when it cannot mount.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Tmpfs {
  readonly dir: string;
  unmount(): void;
}

export function mountTmpfs(sizeBytes: number): Tmpfs | string {
  if (process.getuid?.() !== 0) return 'not running as root (mounting a tmpfs needs root)';
  const dir = mkdtempSync(join(tmpdir(), 'kt-tmpfs-'));
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeBytes}`, 'tmpfs', dir], { encoding: 'utf8' });
  if (r.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return `mount -t tmpfs failed: ${(r.stderr || r.error?.message || '').trim()}`;
  }
  return {
    dir,
    unmount() {
      spawnSync('umount', ['-l', dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
