// The option table Kafka's jopt tools print for --help and usage errors, laid out like
// jopt-simple's BuiltinHelpFormatter: two 39-column columns, options sorted by name, wrapped
// lines indented by two spaces. Only its stream and exit code are part of Kafka's interface.
import type { OptionSpec } from './jopt.js';

const COLUMN_WIDTH = 39;
const SEPARATOR = '  ';

export function formatOptionTable(specs: readonly OptionSpec[]): string {
  const rows: Array<[string, string]> = [
    ['Option', 'Description'],
    ['------', '-----------'],
  ];
  const visible = specs.filter((s) => !s.hidden && !s.kt).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const spec of visible) rows.push([optionCell(spec), descriptionCell(spec)]);

  let out = '';
  for (const [left, right] of rows) {
    const l = wrap([left], COLUMN_WIDTH);
    const r = wrap(right.split('\n'), COLUMN_WIDTH);
    const height = Math.max(l.length, r.length);
    for (let i = 0; i < height; i++) {
      out += `${(l[i] ?? '').padEnd(COLUMN_WIDTH)}${SEPARATOR}${(r[i] ?? '').padEnd(COLUMN_WIDTH)}\n`;
    }
  }
  return out;
}

function optionCell(spec: OptionSpec): string {
  const mode = spec.arg ?? 'none';
  if (mode === 'none') return `--${spec.name}`;
  const type = spec.type ?? 'String';
  const inner = spec.argName !== undefined ? `${type}: ${spec.argName}` : type;
  return mode === 'required' ? `--${spec.name} <${inner}>` : `--${spec.name} [${inner}]`;
}

function descriptionCell(spec: OptionSpec): string {
  return spec.defaultValue !== undefined ? `${spec.description} (default: ${spec.defaultValue})` : spec.description;
}

/**
 * Greedy word wrap of paragraphs into one column. Every line but the very first is indented by
 * two spaces, as jopt does for continuation lines; a word longer than the column is broken hard.
 */
function wrap(paragraphs: readonly string[], width: number): string[] {
  const lines: string[] = [];
  const indent = () => (lines.length > 0 ? '  ' : '');
  for (const paragraph of paragraphs) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      if (line !== '' && line.length + 1 + word.length > width) {
        lines.push(line);
        line = '';
      }
      line = line === '' ? indent() + word : `${line} ${word}`;
      while (line.length > width) {
        lines.push(line.slice(0, width));
        line = indent() + line.slice(width);
      }
    }
    lines.push(line);
  }
  return lines;
}
