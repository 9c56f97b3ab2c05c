// argparse4j 0.7.0's text layout (TextHelper and the parser's usage printer): help and error
// texts are wrapped at 75 columns at the break opportunities of Java's line BreakIterator, and
// every wrapped line but the last has its inner spaces widened until it fills the column
// ("justified"), which is why Kafka's help reads "one  of   the  arguments". Reproduced so that
// kt's help and usage errors are byte-identical to Kafka's.
import { javaLineSegments } from './java-line-break.js';

/** argparse4j's width when it cannot ask the terminal (always, for a script's child JVM). */
export const FORMAT_WIDTH = 75;
/** Column where argument help starts: argparse4j's fixed option column. */
const HELP_INDENT = 25;
/** A `usage: prog` wider than this starts the items on their own line, indented by 6. */
const USAGE_INDENT_LIMIT = 30;

/** TextHelper.adjustSpace: trims the line and spreads the missing width over its space runs, the extra ones in the middle. */
function justify(line: string, width: number, lineWidth: number): string {
  const trimmed = line.replace(/^ +/u, '').replace(/ +$/u, '');
  const blocks = trimmed.split(/( +)/u);
  const spaceRuns = (blocks.length - 1) / 2;
  if (spaceRuns === 0) return trimmed;
  // Java's int arithmetic: a line already wider than the column (one long word) gets no spaces.
  const need = width - (lineWidth - (line.length - trimmed.length));
  const each = Math.trunc(need / spaceRuns);
  const rem = need % spaceRuns;
  const remStart = Math.trunc((spaceRuns - rem + 1) / 2);
  let out = '';
  blocks.forEach((part, i) => {
    if (i % 2 === 0) out += part;
    else {
      const run = (i - 1) / 2;
      out += ' '.repeat(Math.max(0, each + (remStart <= run && run < remStart + rem ? 1 : 0))) + part;
    }
  });
  return out;
}

/** TextHelper.wrap: packs line-break segments up to the width, justifying every line it closes. */
export function wrapText(text: string, width: number, initialOffset: number, initialIndent: string, subsequentIndent: string): string {
  let out = initialIndent;
  let line = '';
  let current = initialOffset + initialIndent.length;
  for (const segment of javaLineSegments(text)) {
    current += segment.length;
    if (current > width) {
      out += `${justify(line, width, current - segment.length)}\n${subsequentIndent}`;
      line = '';
      current = subsequentIndent.length + segment.length;
    }
    line += segment;
    if (segment.endsWith('\n')) {
      out += line + subsequentIndent;
      line = '';
      current = subsequentIndent.length;
    }
  }
  return out + line;
}

/** A paragraph at the left margin (descriptions, error lines). */
export function wrapParagraph(text: string): string {
  return wrapText(text, FORMAT_WIDTH, 0, '', '');
}

/** TextHelper.printHelp: `  <title>` then the help from column 25 (on the next line when the title is long). */
export function helpEntry(title: string, help: string): string {
  if (help === '') return `  ${title}\n`;
  const pad = title.length <= 21 ? ' '.repeat(HELP_INDENT - title.length - 2) : `\n${' '.repeat(HELP_INDENT)}`;
  return `  ${title}${pad}${wrapText(help, FORMAT_WIDTH, HELP_INDENT, '', ' '.repeat(HELP_INDENT))}\n`;
}

/**
 * The usage block: `usage: <prog>` then the items, each preceded by a space, wrapped before an
 * item that would pass the width; continuation lines are indented to the end of `usage: <prog>`
 * (or, for a long prog, the items start on the next line at column 6).
 */
export function usageBlock(prog: string, items: readonly string[]): string {
  const head = `usage: ${prog}`;
  const long = head.length > USAGE_INDENT_LIMIT;
  const offset = long ? 6 : head.length;
  const indent = ' '.repeat(offset);
  let out = long ? `${head}\n${indent}` : head;
  let width = offset + (long ? offset : 0);
  items.forEach((item, i) => {
    if (i > 0 && width + item.length + 1 > FORMAT_WIDTH) {
      out += `\n${indent} ${item}`;
      width = offset + 1 + item.length;
    } else {
      out += ` ${item}`;
      width += item.length + 1;
    }
  });
  return `${out}\n`;
}

/** argparse4j's handleError: the usage block, then `<prog>: error: <message>` wrapped. */
export function errorText(usage: string, prog: string, message: string): string {
  return `${usage}${wrapParagraph(`${prog}: error: ${message}`)}\n`;
}
