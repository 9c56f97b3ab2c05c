// The Java behaviours kafka-dump-log's output depends on: exceptions as the JVM names them
// (the tool lets them escape, so their class and message are what the user sees), File's path
// normalisation, Long.parseLong, OptionalLong.toString and Java's CRC32 of legacy messages.
import { openSync } from 'node:fs';
import { crc32 } from 'node:zlib';

/** An exception escaping DumpLogSegments: printed as Throwable.toString, `<class>: <message>`. */
export class JavaException extends Error {
  constructor(
    readonly javaClass: string,
    readonly javaMessage: string | null = null,
  ) {
    super(javaMessage === null ? javaClass : `${javaClass}: ${javaMessage}`);
    this.name = 'JavaException';
  }
}

/** java.io.File's normalisation of a path as given: duplicate and trailing separators removed. */
export function javaFilePath(path: string): string {
  const collapsed = path.replace(/\/{2,}/g, '/');
  return collapsed.length > 1 && collapsed.endsWith('/') ? collapsed.slice(0, -1) : collapsed;
}

/** File.getName: the last path element. */
export function javaFileName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** File.getAbsolutePath: the working directory prepended, `.` and `..` left as they are. */
export function javaAbsolutePath(path: string): string {
  if (path.startsWith('/')) return path;
  return path === '' ? process.cwd() : `${process.cwd()}/${path}`;
}

const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

/** Long.parseLong with NumberFormatException's message. */
export function parseJavaLong(text: string): bigint {
  if (/^[-+]?[0-9]+$/.test(text)) {
    const value = BigInt(text);
    if (value >= LONG_MIN && value <= LONG_MAX) return value;
  }
  throw new JavaException('java.lang.NumberFormatException', `For input string: "${text}"`);
}

/** The segment's base offset from its file name, as `name.split("\\.")(0).toLong`. */
export function offsetFromFileName(name: string): bigint {
  return parseJavaLong(name.split('.')[0]!);
}

/** java.util.OptionalLong.toString. */
export function optionalLong(value: bigint | null): string {
  return value === null ? 'OptionalLong.empty' : `OptionalLong[${value}]`;
}

/** FileChannel.open(path) for reading, failing with the exception Java would raise. */
export function openForReading(path: string): number {
  try {
    return openSync(path, 'r');
  } catch (e) {
    throw javaIoException(e, path);
  }
}

/** The java.nio exception matching a Node file-system error. */
export function javaIoException(e: unknown, path: string): Error {
  switch ((e as NodeJS.ErrnoException).code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new JavaException('java.nio.file.NoSuchFileException', path);
    case 'EACCES':
    case 'EPERM':
      return new JavaException('java.nio.file.AccessDeniedException', path);
    case 'EISDIR':
      return new JavaException('java.io.IOException', 'Is a directory');
    default:
      return e instanceof Error ? e : new Error(String(e));
  }
}

/** java.util.zip.CRC32 (legacy message format v0/v1 checksums). */
export function javaCrc32(bytes: Buffer): number {
  return crc32(bytes) >>> 0;
}
