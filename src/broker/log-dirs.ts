// Start-up of the log dirs, before anything reads or writes them: create each one, check that it
// is a readable and writable directory, and take its exclusive lock (log-dir-lock.ts). Every
// failure is one line with the OS error, and the broker does not start.
import { accessSync, constants, mkdirSync, readdirSync, realpathSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { LogDirLock } from './log-dir-lock.js';

/** The locks of all the broker's log dirs, released together when the broker closes. */
export class LockedLogDirs {
  private constructor(private readonly locks: LogDirLock[]) {}

  /**
   * Prepares and locks every dir, in order; on any failure the locks already taken are released
   * and the error is thrown (Kafka goes on without a failed dir when others remain; kt keeps its
   * cluster metadata in the first dir and needs them all).
   */
  static acquire(dirs: readonly string[]): LockedLogDirs {
    const locks: LogDirLock[] = [];
    const absolutes = dirs.map((d) => resolve(d));
    const canonical = new Set<string>();
    try {
      for (const dir of absolutes) {
        prepareLogDir(dir);
        // The same dir twice (or through a symlink) would otherwise fail on its own lock.
        if (canonical.has(realpathSync(dir))) throw new Error(`Duplicate log directory found: ${absolutes.join(', ')}`);
        canonical.add(realpathSync(dir));
        locks.push(LogDirLock.acquire(dir));
      }
    } catch (e) {
      for (const lock of locks) lock.release();
      throw e;
    }
    return new LockedLogDirs(locks);
  }

  release(): void {
    for (const lock of this.locks) lock.release();
  }
}

/** Creates the dir if needed and checks that the broker can list and write it (Kafka's createAndValidateLogDirs). */
function prepareLogDir(dir: string): void {
  try {
    makeDirs(dir);
    // Listing fails with ENOTDIR for a regular file and EACCES for an unreadable dir.
    readdirSync(dir);
    accessSync(dir, constants.W_OK);
  } catch (e) {
    throw new Error(`Failed to create or validate data directory ${dir}: ${(e as Error).message}`);
  }
}

/**
 * `mkdir -p` that gives up: Node's own recursive mkdir (v20) retries forever, at 100% CPU, when
 * the parent exists but mkdir still answers ENOENT (a path under /proc, a dangling symlink).
 * Here each level is created at most twice, and the second failure is thrown.
 */
export function makeDirs(dir: string): void {
  try {
    mkdirSync(dir);
    return;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return;
    const parent = dirname(dir);
    if (code !== 'ENOENT' || parent === dir) throw e;
  }
  makeDirs(dirname(dir));
  try {
    mkdirSync(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
}
