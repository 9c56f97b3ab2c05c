// Figures of the robustness scenarios: each beside its limit (an invariant such as "= 0", or a
// bound such as the session timeout), with a verdict, printed as one Markdown table.

export interface Figure {
  scenario: string;
  figure: string;
  value: number;
  unit: string;
  /** The limit as text ("= 0", "< 10,000 ms (session.timeout.ms)"), or '' for information only. */
  limit: string;
  /** Whether the value is within the limit; null for information only. */
  ok: boolean | null;
  note?: string;
}

export function formatValue(x: number): string {
  if (!Number.isFinite(x)) return '-';
  if (Number.isInteger(x)) return x.toLocaleString('en-US');
  const abs = Math.abs(x);
  if (abs >= 1000) return Math.round(x).toLocaleString('en-US');
  if (abs >= 100) return x.toFixed(0);
  if (abs >= 10) return x.toFixed(1);
  return x.toFixed(abs >= 1 || x === 0 ? 2 : 3).replace(/\.00$/, '');
}

/** Collects figures and prints each as it comes (stderr), for the table at the end. */
export class Figures {
  readonly rows: Figure[] = [];
  readonly notes: string[] = [];

  add(f: Figure): void {
    this.rows.push(f);
    const verdict = f.ok === null ? '' : f.ok ? ' ok' : ' FAILED';
    process.stderr.write(`  ${f.figure}: ${formatValue(f.value)} ${f.unit}${f.limit ? ` (limit ${f.limit})` : ''}${verdict}${f.note ? ` - ${f.note}` : ''}\n`);
  }

  /** An invariant: the value must be exactly `expected` (0 crashes, 0 lost records...). */
  exact(scenario: string, figure: string, value: number, expected: number, unit = '', note?: string): void {
    this.add({ scenario, figure, value, unit, limit: `= ${formatValue(expected)}`, ok: value === expected, note });
  }

  info(scenario: string, figure: string, value: number, unit = '', note?: string): void {
    this.add({ scenario, figure, value, unit, limit: '', ok: null, note });
  }

  below(scenario: string, figure: string, value: number, max: number, unit: string, limitName: string, note?: string): void {
    this.add({ scenario, figure, value, unit, limit: `< ${formatValue(max)} ${unit} (${limitName})`, ok: value < max, note });
  }

  note(text: string): void {
    this.notes.push(text);
    process.stderr.write(`  note: ${text}\n`);
  }

  failed(): Figure[] {
    return this.rows.filter((r) => r.ok === false);
  }
}

export function formatFigures(rows: readonly Figure[]): string {
  const lines = ['| scenario | figure | value | limit | ok? | note |', '| --- | --- | --- | --- | --- | --- |'];
  for (const r of rows) {
    const cells = [r.scenario, r.figure, `${formatValue(r.value)}${r.unit ? ` ${r.unit}` : ''}`, r.limit, r.ok === null ? '' : r.ok ? 'yes' : 'NO', r.note ?? ''];
    lines.push(`| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`);
  }
  return lines.join('\n');
}
