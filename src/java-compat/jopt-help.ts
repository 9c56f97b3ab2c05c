// The option table Kafka's jopt tools print for --help and usage errors, laid out byte for byte
// like jopt-simple's BuiltinHelpFormatter (overall width 80, two-space column separator): options
// sorted by name; each column as wide as its widest cell but the option column at most 39; text
// wrapped where Java's line BreakIterator allows, continuation lines indented by two spaces.
import type { OptionSpec } from './jopt.js';
import { javaLineSegments } from './java-line-break.js';

const OVERALL_WIDTH = 80;
const SEPARATOR_WIDTH = 2;
const INDENT = '  ';

type Row = readonly [option: string, description: string];

export function formatOptionTable(specs: readonly OptionSpec[]): string {
  const visible = specs.filter((s) => !s.hidden && !s.kt).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const rows: Row[] = [['Option', 'Description'], ['------', '-----------'], ...visible.map((s): Row => [optionCell(s), descriptionCell(s)])];

  // jopt sizes the columns from the raw cells, wraps, then sizes them again from the wrapped rows.
  const [optionWidth, descriptionWidth] = columnWidths(rows);
  const fitted = rows.flatMap(([option, description]) => {
    const left = piecesOf(option, optionWidth);
    const right = piecesOf(description, descriptionWidth);
    return Array.from({ length: Math.max(left.length, right.length) }, (_, i): Row => [left[i] ?? '', right[i] ?? '']);
  });
  const [finalOptionWidth, finalDescriptionWidth] = columnWidths(fitted);
  const separator = ' '.repeat(SEPARATOR_WIDTH);
  return fitted.map(([l, r]) => `${pad(l, finalOptionWidth)}${separator}${pad(r, finalDescriptionWidth)}\n`).join('');
}

function columnWidths(rows: readonly Row[]): [number, number] {
  const widestOption = Math.max(...rows.map(([l]) => l.length));
  const widestDescription = Math.max(...rows.map(([, r]) => r.length));
  const optionWidth = Math.min(Math.floor((OVERALL_WIDTH - SEPARATOR_WIDTH) / 2), widestOption);
  return [optionWidth, Math.min(OVERALL_WIDTH - optionWidth - SEPARATOR_WIDTH, widestDescription)];
}

/** Java's `s + " ".repeat(n - s.length())`, which appends nothing when the cell overflows. */
function pad(s: string, width: number): string {
  return s.length >= width ? s : s + ' '.repeat(width - s.length);
}

function optionCell(spec: OptionSpec): string {
  const mode = spec.arg ?? 'none';
  if (mode === 'none') return `--${spec.name}`;
  const type = spec.type ?? 'String';
  const inner = spec.argName !== undefined && spec.argName !== '' ? `${type}: ${spec.argName}` : type;
  return mode === 'required' ? `--${spec.name} <${inner}>` : `--${spec.name} [${inner}]`;
}

function descriptionCell(spec: OptionSpec): string {
  return spec.defaultValue !== undefined ? `${spec.description} (default: ${spec.defaultValue})`.trim() : spec.description;
}

/**
 * jopt's Columns.piecesOf: each embedded line is cut into break-iterator segments (a segment keeps
 * its trailing spaces) and packed greedily; a piece is closed when the next segment, spaces
 * included, would pass the width, and its trailing whitespace is dropped. A segment longer than
 * the width still gets a line of its own, so a too-long first segment leaves an empty line first.
 */
function piecesOf(raw: string, width: number): string[] {
  const pieces: string[] = [];
  for (const line of javaTrim(raw).split('\n')) {
    let next = '';
    for (const segment of javaLineSegments(line)) {
      if (next.length + segment.length > width) {
        pieces.push(next.replace(/[ \t\n\x0B\f\r]+$/u, '')); // Java's \s: ASCII only
        next = INDENT + segment;
      } else next += segment;
    }
    if (next.length > 0) pieces.push(next);
  }
  return pieces;
}

/** String.trim(): strips code points up to U+0020 at both ends. */
function javaTrim(s: string): string {
  return s.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/gu, '');
}
