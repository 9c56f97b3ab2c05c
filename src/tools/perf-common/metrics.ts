// ToolsUtils.printMetrics: a blank line, a `Metric Name   Value` header, then one line per
// metric sorted by `<group>:<name>:<tags>`, doubles as %.3f, padded to the longest name.
import { formatJavaFixed } from '../../java-compat/java-format.js';

export interface PerfMetric {
  readonly group: string;
  readonly name: string;
  readonly tags: ReadonlyArray<readonly [string, string]>;
  readonly value: number;
}

export function formatMetrics(metrics: readonly PerfMetric[]): string {
  if (metrics.length === 0) return '';
  const rows = metrics.map((m) => [`${m.group}:${m.name}:{${m.tags.map(([k, v]) => `${k}=${v}`).join(', ')}}`, m.value] as const);
  rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const width = Math.max(...rows.map((r) => r[0].length));
  let out = `\n${'Metric Name'.padEnd(width)}   Value\n`;
  for (const [name, value] of rows) out += `${name.padEnd(width)} : ${formatJavaFixed(value, 3)}\n`;
  return out;
}
