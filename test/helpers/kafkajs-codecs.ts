// kafkajs ships only gzip; the interop tests plug kt's other codecs into its CompressionCodecs table so
// kafkajs can read and write every codec in tests. kafkajs looks codecs up as factories:
// CompressionCodecs[type]() -> { compress(encoder): Promise<Buffer>, decompress(buffer): Promise<Buffer> },
// where `encoder.buffer` holds the plain records area (see kafkajs's recordBatch/v0).
import kafkajs from 'kafkajs';
import { CompressionType, compressAsync, decompressAsync } from '../../src/protocol/records/compression/index.js';

interface KafkajsEncoder {
  buffer: Buffer;
}

export interface KafkajsCodec {
  compress(encoder: KafkajsEncoder): Promise<Buffer>;
  decompress(buffer: Buffer): Promise<Buffer>;
}

function codecFactory(codec: CompressionType): () => KafkajsCodec {
  const instance: KafkajsCodec = {
    compress: (encoder) => compressAsync(codec, encoder.buffer),
    decompress: (buffer) => decompressAsync(codec, buffer),
  };
  return () => instance;
}

/** Registers snappy, lz4 and zstd (kafkajs's own gzip stays) with kafkajs. Idempotent. */
export function registerKafkajsCodecs(): void {
  const codecs = kafkajs.CompressionCodecs as unknown as Record<number, () => KafkajsCodec>;
  codecs[kafkajs.CompressionTypes.Snappy] = codecFactory(CompressionType.Snappy);
  codecs[kafkajs.CompressionTypes.LZ4] = codecFactory(CompressionType.Lz4);
  codecs[kafkajs.CompressionTypes.ZSTD] = codecFactory(CompressionType.Zstd);
}
