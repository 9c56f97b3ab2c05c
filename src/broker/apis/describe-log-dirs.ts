// DescribeLogDirs (35): each log dir with the size of the partitions it holds (kafka-log-dirs).
// A single node has no replica movements, so offsetLag is 0 and no partition is a future replica.
// v4 adds the file system's total and usable bytes.
import { statfsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ApiKey, type DescribeLogDirsResponseDescribeLogDirsTopic } from '../../protocol/api.js';
import { ErrorCode } from '../../protocol/errors.js';
import type { PartitionLog } from '../log/index.js';
import { defineHandler } from './handler.js';

export default defineHandler({
  apiKey: ApiKey.DescribeLogDirs,
  minVersion: 0,
  maxVersion: 4,
  handle(ctx, req) {
    const { broker } = ctx;
    // null asks for every partition; otherwise only the named ones.
    const wanted = req.topics === null ? null : new Set(req.topics.flatMap((t) => t.partitions.map((p) => `${t.topic}\u0000${p}`)));
    const logsByDir = new Map<string, PartitionLog[]>();
    for (const log of broker.logs.all()) {
      if (wanted !== null && !wanted.has(`${log.topic}\u0000${log.partition}`)) continue;
      const dir = resolve(dirname(log.dir));
      logsByDir.set(dir, [...(logsByDir.get(dir) ?? []), log]);
    }
    const results = [...new Set(broker.config.logDirs.map((d) => resolve(d)))].map((logDir) => {
      try {
        const fsStats = statfsSync(logDir);
        return {
          errorCode: ErrorCode.NONE,
          logDir,
          topics: topicsOf(logsByDir.get(logDir) ?? []),
          totalBytes: BigInt(fsStats.blocks) * BigInt(fsStats.bsize),
          usableBytes: BigInt(fsStats.bavail) * BigInt(fsStats.bsize),
        };
      } catch (e) {
        broker.logger.warn(`Unable to describe replica dirs for ${logDir}: ${(e as Error).message}`);
        return { errorCode: ErrorCode.KAFKA_STORAGE_ERROR, logDir, topics: [], totalBytes: -1n, usableBytes: -1n };
      }
    });
    return { throttleTimeMs: 0, errorCode: ErrorCode.NONE, results };
  },
  errorResponse(_req, error) {
    // Only v3+ has an error code: older clients get an empty list.
    return { throttleTimeMs: 0, errorCode: error.code, results: [] };
  },
});

/** Topics sorted by name, partitions by index. */
function topicsOf(logs: readonly PartitionLog[]): DescribeLogDirsResponseDescribeLogDirsTopic[] {
  const byTopic = new Map<string, PartitionLog[]>();
  for (const log of logs) byTopic.set(log.topic, [...(byTopic.get(log.topic) ?? []), log]);
  return [...byTopic.keys()].sort().map((name) => ({
    name,
    partitions: byTopic
      .get(name)!
      .sort((a, b) => a.partition - b.partition)
      .map((log) => ({ partitionIndex: log.partition, partitionSize: BigInt(log.sizeInBytes), offsetLag: 0n, isFutureKey: false })),
  }));
}
