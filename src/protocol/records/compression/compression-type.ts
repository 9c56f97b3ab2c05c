// Kafka's CompressionType ids: the codec of a batch's records area, kept in attribute bits 0-2
// of every message format.
export enum CompressionType {
  None = 0,
  Gzip = 1,
  Snappy = 2,
  Lz4 = 3,
  Zstd = 4,
}
