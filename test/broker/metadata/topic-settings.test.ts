// The broker owns one typed settings object per topic (LogConfig plus the produce-time configs),
// computed on create and load and recomputed whenever the topic's configs or the dynamic broker
// configs change; the produce path reads nothing else.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Broker } from '../../../src/broker/broker.js';
import { BrokerConfig } from '../../../src/broker/config.js';
import { CompressionType } from '../../../src/protocol/records/compression/index.js';

let dataDir: string;
const start = () =>
  Broker.start({ config: new BrokerConfig({ listeners: 'PLAINTEXT://127.0.0.1:0', 'log.dirs': dataDir, 'message.max.bytes': '5000' }), logLevel: 'OFF' });

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'kt-topic-settings-'));
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('per-topic settings', () => {
  it('are computed on create, follow topic and broker config changes, and are rebuilt on load', async () => {
    let beforeRestart;
    const broker = await start();
    try {
      broker.createTopic('plain', 1, {});
      broker.createTopic('tuned', 2, {
        'max.message.bytes': '2000',
        'message.timestamp.type': 'LogAppendTime',
        'message.timestamp.difference.max.ms': '60000',
        'message.timestamp.after.max.ms': '1000',
        'compression.type': 'zstd',
        'compression.zstd.level': '7',
        'cleanup.policy': 'compact,delete',
        'message.downconversion.enable': 'false',
      });
      expect(broker.topicSettings('plain')).toMatchObject({
        maxMessageBytes: 5000,
        timestampType: 'CreateTime',
        timestampBounds: { beforeMaxMs: Infinity, afterMaxMs: Infinity },
        compression: { codec: null, level: undefined },
        compacted: false,
        downConversionEnabled: true,
        log: { cleanupDelete: true, cleanupCompact: false, retentionMs: 604_800_000 },
      });
      const tuned = broker.topicSettings('tuned')!;
      expect(tuned).toMatchObject({
        maxMessageBytes: 2000,
        timestampType: 'LogAppendTime',
        // before falls back to the deprecated difference; after has its own bound.
        timestampBounds: { beforeMaxMs: 60_000, afterMaxMs: 1000 },
        compression: { codec: CompressionType.Zstd, level: 7 },
        compacted: true,
        downConversionEnabled: false,
        log: { cleanupDelete: true, cleanupCompact: true },
      });
      expect(tuned.recordRules).toEqual({
        timestamps: { logAppendTime: true, beforeMaxMs: 60_000, afterMaxMs: 1000 },
        codec: CompressionType.Zstd,
        compressionLevel: 7,
        maxMessageBytes: 2000,
        compacted: true,
        maxUncompressedBytes: 104_857_600, // socket.request.max.bytes: the bound on decompressed records
      });

      broker.alterTopicConfigs('plain', { 'max.message.bytes': '1234', 'compression.type': 'gzip' });
      expect(broker.topicSettings('plain')).toMatchObject({ maxMessageBytes: 1234, compression: { codec: CompressionType.Gzip, level: -1 } });

      // A dynamic default reaches the topics without their own override, and their logs.
      broker.alterBrokerConfigs('', { 'message.max.bytes': '3000', 'log.retention.ms': '3600000' });
      expect(broker.topicSettings('plain')!.maxMessageBytes).toBe(1234);
      expect(broker.topicSettings('tuned')!.maxMessageBytes).toBe(2000);
      broker.alterTopicConfigs('plain', {});
      expect(broker.topicSettings('plain')).toMatchObject({ maxMessageBytes: 3000, compression: { codec: null }, log: { retentionMs: 3_600_000 } });

      expect(broker.topicSettings('tuned')!.log.retentionMs).toBe(3_600_000);
      broker.deleteTopic('plain');
      expect(broker.topicSettings('plain')).toBeUndefined();
      beforeRestart = broker.topicSettings('tuned');
    } finally {
      await broker.close();
    }
    const restarted = await start();
    try {
      // The dynamic default was stored with the cluster metadata, so it applies again.
      expect(restarted.topicSettings('tuned')).toEqual(beforeRestart);
      expect(restarted.topicSettings('plain')).toBeUndefined();
    } finally {
      await restarted.close();
    }
  });
});
