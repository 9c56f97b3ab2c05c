// Parsers of the output formats of Kafka's perf tools (and so of kt's), as documented in
// ../shared/reference/kafka-tools.md.

/** Kafka's final line: `N records sent, X records/sec (Y MB/sec), ...`. */
export function parseProducerPerfSummary(output: string): { recordsPerSec: number; mbPerSec: number } | undefined {
  const lines = output.trim().split('\n').filter((l) => /records sent/.test(l));
  const m = /records sent, ([\d.]+) records\/sec \(([\d.]+) MB\/sec\)/.exec(lines.at(-1) ?? '');
  return m ? { recordsPerSec: Number(m[1]), mbPerSec: Number(m[2]) } : undefined;
}

/**
 * Kafka's header line, then a data row. MB.sec and nMsg.sec cover the whole run (group join
 * included); fetch.MB.sec and fetch.nMsg.sec exclude the rebalance time.
 */
export function parseConsumerPerfRow(
  output: string,
): { mbPerSec: number; recordsPerSec: number; fetchMbPerSec: number; fetchRecordsPerSec: number } | undefined {
  const lines = output.trim().split('\n');
  const headerAt = lines.findIndex((l) => /MB\.sec/.test(l));
  if (headerAt < 0 || headerAt + 1 >= lines.length) return undefined;
  const header = lines[headerAt]!.split(',').map((s) => s.trim());
  const row = lines[headerAt + 1]!.split(',').map((s) => s.trim());
  const column = (name: string) => Number(row[header.indexOf(name)]);
  const mb = column('MB.sec');
  if (!Number.isFinite(mb)) return undefined;
  return { mbPerSec: mb, recordsPerSec: column('nMsg.sec'), fetchMbPerSec: column('fetch.MB.sec'), fetchRecordsPerSec: column('fetch.nMsg.sec') };
}

/** Kafka's `Percentiles: 50th = a, 99th = b, 99.9th = c` (milliseconds). */
export function parseE2eLatency(output: string): { p50: number; p99: number; p999: number } | undefined {
  const m = /50th = ([\d.]+), 99th = ([\d.]+), 99\.9th = ([\d.]+)/.exec(output);
  return m ? { p50: Number(m[1]), p99: Number(m[2]), p999: Number(m[3]) } : undefined;
}
