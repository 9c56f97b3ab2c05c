// One result row per figure, and the table that shows each figure beside its limit and target.

export interface Target {
  /** What the target compares: the ratio figure/limit, or the figure itself. */
  on: 'ratio' | 'value';
  op: '>=' | '<=';
  threshold: number;
  /** False when this run's volume differs from the one the target is stated for (quick mode). */
  applies?: boolean;
}

export interface Row {
  figure: string;
  value: number;
  unit: string;
  /** The limit this figure is compared with, measured in the same run. */
  limit?: { name: string; value: number; unit: string };
  target?: Target;
  note?: string;
}

export function ratioOf(row: Row): number | undefined {
  return row.limit && row.limit.value > 0 ? row.value / row.limit.value : undefined;
}

/** 'yes' / 'NO' / '' (no target) / 'n/a' (target is for another volume or figure missing). */
export function metOf(row: Row): string {
  const t = row.target;
  if (!t) return '';
  if (t.applies === false) return 'n/a (volume)';
  const x = t.on === 'ratio' ? ratioOf(row) : row.value;
  if (x === undefined || !Number.isFinite(x)) return 'n/a';
  return (t.op === '>=' ? x >= t.threshold : x <= t.threshold) ? 'yes' : 'NO';
}

export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return '-';
  const abs = Math.abs(x);
  if (abs >= 1000) return Math.round(x).toLocaleString('en-US');
  if (abs >= 100) return x.toFixed(0);
  if (abs >= 10) return x.toFixed(1);
  return x.toFixed(abs >= 1 ? 2 : 3);
}

function targetText(t: Target | undefined): string {
  if (!t) return '';
  const n = t.on === 'ratio' ? `${t.threshold} x limit` : formatNumber(t.threshold);
  return `${t.op} ${n}`;
}

function escapeCell(s: string): string {
  return s.replace(/\|/g, '\\|');
}

/** The Markdown table: figure | value | limit | ratio | target | met? | note. */
export function formatTable(rows: readonly Row[]): string {
  const header = ['figure', 'value', 'limit', 'ratio', 'target', 'met?', 'note'];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => ' --- ').join('|')}|`];
  for (const row of rows) {
    const ratio = ratioOf(row);
    const cells = [
      row.figure,
      `${formatNumber(row.value)} ${row.unit}`,
      row.limit ? `${formatNumber(row.limit.value)} ${row.limit.unit} (${row.limit.name})` : '',
      ratio === undefined ? '' : ratio.toFixed(2),
      targetText(row.target),
      metOf(row),
      row.note ?? '',
    ];
    lines.push(`| ${cells.map(escapeCell).join(' | ')} |`);
  }
  return lines.join('\n');
}
