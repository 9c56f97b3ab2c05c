// Drops one set of files from the page cache (not the whole machine's, as drop_caches would):
// GNU dd writes a file's dirty pages back (conv=fdatasync) and then asks the kernel to drop its
// cached pages (iflag=nocache with count=0 = posix_fadvise DONTNEED on the whole file).
// fincore (util-linux) tells how much of the files is still resident.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Every file of the partition directories `<topic>-<n>` under a data dir. */
export function topicFiles(dataDir: string, topic: string): string[] {
  const files: string[] = [];
  for (const d of readdirSync(dataDir)) {
    if (!d.startsWith(`${topic}-`) || !/^\d+$/.test(d.slice(topic.length + 1))) continue;
    for (const f of readdirSync(join(dataDir, d))) files.push(join(dataDir, d, f));
  }
  return files;
}

export function evictFromPageCache(files: readonly string[]): void {
  for (const f of files) {
    spawnSync('dd', [`of=${f}`, 'oflag=nocache', 'conv=notrunc,fdatasync', 'count=0', 'status=none']);
    spawnSync('dd', [`if=${f}`, 'iflag=nocache', 'count=0', 'status=none']);
  }
}

/** Bytes of the files in the page cache (fincore), or -1 when fincore is unavailable. */
export function residentBytes(files: readonly string[]): number {
  if (files.length === 0) return 0;
  const r = spawnSync('fincore', ['--bytes', '--noheadings', '--output', 'RES', ...files], { encoding: 'utf8' });
  if (r.status !== 0) return -1;
  return r.stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .reduce((sum, l) => sum + Number(l.trim()), 0);
}
