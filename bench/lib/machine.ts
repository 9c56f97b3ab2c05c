// The machine description every results file starts with: absolute figures only mean
// something beside it (and beside the limits measured in the same run).
import { readFileSync, statfsSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { MB } from './stats.js';

export function describeMachine(): string[] {
  let cpuModel = cpus()[0]?.model ?? 'unknown';
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'latin1'));
    if (m) cpuModel = m[1]!.trim();
  } catch {
    // not Linux: keep os.cpus()
  }
  const { bavail, bsize, blocks } = statfsSync(tmpdir());
  const gb = (bytes: number) => `${(bytes / 1024 / MB).toFixed(1)} GB`;
  return [
    `CPU: ${cpuModel}, ${cpus().length} cores`,
    `Memory: ${gb(totalmem())}`,
    `Node: ${process.version} (${process.platform} ${process.arch})`,
    `Disk (${tmpdir()}, broker data dirs): ${gb(bavail * bsize)} free of ${gb(blocks * bsize)}`,
  ];
}

/** 1-minute load average: other work on a shared machine moves every absolute figure. */
export function loadAverage(): string {
  return loadavg()[0]!.toFixed(2);
}
