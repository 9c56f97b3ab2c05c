// Kafka's file and directory names in a log dir: segment files named by base offset, their
// temporary suffixes, the checkpoint files, partition directories and their `-delete` names.
import { join } from 'node:path';

export const LOG_SUFFIX = '.log';
export const INDEX_SUFFIX = '.index';
export const TIME_INDEX_SUFFIX = '.timeindex';
/** Aborted-transaction index, one entry per ABORT marker in the segment. */
export const TXN_INDEX_SUFFIX = '.txnindex';
/** Producer-state snapshot, named by the log end offset it was taken at. */
export const PRODUCER_SNAPSHOT_SUFFIX = '.snapshot';
/** KRaft snapshot `<20-digit end offset>-<10-digit epoch>.checkpoint`, a log file without indexes. */
export const KRAFT_SNAPSHOT_SUFFIX = '.checkpoint';
export const CLEAN_SHUTDOWN_FILE = '.kafka_cleanshutdown';
export const RECOVERY_POINT_CHECKPOINT = 'recovery-point-offset-checkpoint';
export const LOG_START_OFFSET_CHECKPOINT = 'log-start-offset-checkpoint';
export const REPLICATION_OFFSET_CHECKPOINT = 'replication-offset-checkpoint';
export const PARTITION_METADATA_FILE = 'partition.metadata';
export const DELETE_DIR_SUFFIX = '-delete';
/** Appended to a deleted segment's file names until file.delete.delay.ms has passed (Kafka's DELETED_FILE_SUFFIX). */
export const DELETED_SUFFIX = '.deleted';
/** The log cleaner writes a replacement segment under `<name>.cleaned`, then renames it `<name>.swap` before swapping it in. */
export const CLEANED_SUFFIX = '.cleaned';
export const SWAP_SUFFIX = '.swap';

/** Digits of an offset in a file name (Kafka's LogFileUtils.filenamePrefixFromOffset). */
export const OFFSET_NAME_WIDTH = 20;

/** Kafka names segment files by base offset, zero-padded to 20 digits. */
export function segmentBaseName(baseOffset: number): string {
  return String(baseOffset).padStart(OFFSET_NAME_WIDTH, '0');
}

export function segmentFile(dir: string, baseOffset: number, suffix: string): string {
  return join(dir, segmentBaseName(baseOffset) + suffix);
}

/** The three files of segment `base` with `suffix` appended ('' for the live names, or `.cleaned`, `.swap`, `.deleted`). */
export function segmentFilePaths(dir: string, base: number, suffix: string): { log: string; index: string; timeIndex: string } {
  return {
    log: segmentFile(dir, base, LOG_SUFFIX) + suffix,
    index: segmentFile(dir, base, INDEX_SUFFIX) + suffix,
    timeIndex: segmentFile(dir, base, TIME_INDEX_SUFFIX) + suffix,
  };
}

/** Base offset of a `<20 digits>.log` file name, or undefined for any other name. */
export function parseSegmentFileName(name: string, suffix: string): number | undefined {
  if (!name.endsWith(suffix)) return undefined;
  const digits = name.slice(0, -suffix.length);
  return digits.length === OFFSET_NAME_WIDTH && /^\d+$/.test(digits) ? Number(digits) : undefined;
}

const LEGAL_TOPIC = /^[a-zA-Z0-9._-]+$/;

/** Splits `<topic>-<partition>` as Kafka does (at the last dash); undefined for other names. */
export function parsePartitionDirName(name: string): { topic: string; partition: number } | undefined {
  const dash = name.lastIndexOf('-');
  if (dash <= 0) return undefined;
  const topic = name.slice(0, dash);
  const partitionText = name.slice(dash + 1);
  if (!/^\d+$/.test(partitionText) || !LEGAL_TOPIC.test(topic)) return undefined;
  const partition = Number(partitionText);
  return partition <= 0x7fffffff ? { topic, partition } : undefined;
}

export function partitionDirName(topic: string, partition: number): string {
  return `${topic}-${partition}`;
}

/**
 * Kafka's `<topic>-<partition>.<uuid32hex>-delete` name; the topic part is shortened so the
 * whole name stays within 255 characters.
 */
export function deleteDirName(topic: string, partition: number, uuid32hex: string): string {
  const suffix = `-${partition}.${uuid32hex}${DELETE_DIR_SUFFIX}`;
  return topic.slice(0, Math.min(topic.length, 255 - suffix.length)) + suffix;
}

export function isDeleteDirName(name: string): boolean {
  return /\.[0-9a-f]{32}-delete$/.test(name);
}
