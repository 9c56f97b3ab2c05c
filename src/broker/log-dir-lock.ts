// The exclusive `.lock` of a log dir, as Kafka's LogManager takes it: held for the broker's whole
// life so that no second broker (another process, or another Broker in this process) can load,
// repair or delete the same logs underneath it.
import { closeSync, openSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const LOCK_FILE_NAME = '.lock';

interface NativeLocks {
  tryLock(fd: number): boolean;
}

let native: NativeLocks | undefined;

/**
 * fs-native-extensions is loaded on first use only: the CLI tools that never start a broker do
 * not pay for its native addon. On Linux its tryLock is an open-file-description lock
 * (F_OFD_SETLK): it conflicts with other processes, with a second open of the file in this same
 * process, and with Java's FileChannel.tryLock, so a kt broker and a Kafka broker exclude each other.
 */
function nativeLocks(): NativeLocks {
  native ??= prebuiltBinding() ?? (createRequire(import.meta.url)('fs-native-extensions') as NativeLocks);
  return native;
}

/** The binding's own call: tryLock(fd, offset, length, exclusive), throwing EAGAIN when held. */
interface RawBinding {
  tryLock(fd: number, offset: number, length: number, exclusive: boolean): void;
}

/**
 * The package's prebuilt addon for this platform, loaded directly: its JS entry resolves the
 * addon through require-addon, which costs 10-30 ms of the broker's start-to-ready (the dlopen
 * itself takes under 1 ms). Anything unexpected (another platform, musl, a changed layout) falls
 * back to the package's entry.
 */
function prebuiltBinding(): NativeLocks | undefined {
  try {
    const require = createRequire(import.meta.url);
    const root = dirname(require.resolve('fs-native-extensions'));
    const binding = require(join(root, 'prebuilds', `${process.platform}-${process.arch}`, 'fs-native-extensions.node')) as Partial<RawBinding>;
    const tryLock = binding.tryLock;
    if (typeof tryLock !== 'function') return undefined;
    return {
      tryLock(fd) {
        try {
          tryLock(fd, 0, 0, true);
          return true;
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === 'EAGAIN') return false;
          throw e;
        }
      },
    };
  } catch {
    return undefined;
  }
}

export class LogDirLock {
  private fd: number | undefined;

  private constructor(
    readonly dir: string,
    fd: number,
  ) {
    this.fd = fd;
  }

  /**
   * Locks `<dir>/.lock` (created if missing, never truncated), or throws Kafka's message when
   * another broker holds it. `dir` is the absolute path, as Kafka prints it.
   */
  static acquire(dir: string): LogDirLock {
    let fd: number;
    try {
      fd = openSync(join(dir, LOCK_FILE_NAME), 'a+');
    } catch (e) {
      throw new Error(`Disk error while locking directory ${dir}: ${(e as Error).message}`);
    }
    let locked: boolean;
    try {
      locked = nativeLocks().tryLock(fd);
    } catch (e) {
      closeSync(fd);
      throw new Error(`Disk error while locking directory ${dir}: ${(e as Error).message}`);
    }
    if (!locked) {
      closeSync(fd);
      throw new Error(`Failed to acquire lock on file .lock in ${dir}. A Kafka instance in another process or thread is using this directory.`);
    }
    return new LogDirLock(dir, fd);
  }

  /** Closing the descriptor releases the lock; the file stays, as Kafka leaves it. */
  release(): void {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
  }
}
