// argparse4j 0.7.0's text layout (TextHelper): help and error texts are wrapped at 75 columns at
// the break opportunities of Java's line BreakIterator, and every wrapped line but the last has
// its inner spaces widened until it fills the column ("justified"), which is why Kafka's help
// reads "one  of   the  arguments". Reproduced so that kt's help is byte-identical.

/** argparse4j's width when it cannot ask the terminal (always, for a script's child JVM). */
export const FORMAT_WIDTH = 75;
/** Column where argument help starts. */
const HELP_INDENT = 25;

const isLetter = (c: string | undefined): boolean => c !== undefined && /\p{L}/u.test(c);

/**
 * The pieces between the break opportunities of Java's line BreakIterator, as far as Kafka's
 * texts need them: after a run of spaces, after a hyphen run or a full stop followed by a letter.
 */
export function lineBreakPieces(text: string): string[] {
  const pieces: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const next = text[i + 1];
    const breakAfter =
      (c === ' ' && next !== ' ' && next !== undefined) || c === '\n' || ((c === '-' || c === '.') && isLetter(next) && (c === '-' || isLetter(text[i - 1])));
    if (breakAfter) {
      pieces.push(text.slice(start, i + 1));
      start = i + 1;
    }
  }
  if (start < text.length) pieces.push(text.slice(start));
  return pieces;
}

/** TextHelper.adjustSpace: trims the line and spreads the missing width over its space runs. */
function justify(line: string, width: number): string {
  const trimmed = line.replace(/^ +/, '').replace(/ +$/, '');
  const blocks = trimmed.split(/( +)/);
  const spaceRuns = blocks.filter((_, i) => i % 2 === 1).length;
  if (spaceRuns === 0) return trimmed;
  const need = width - trimmed.length;
  const each = Math.floor(need / spaceRuns);
  const rem = need % spaceRuns;
  // The extra spaces go to the middle runs.
  const remStart = Math.floor((spaceRuns - rem + 1) / 2);
  const remEnd = remStart + rem;
  let run = 0;
  return blocks
    .map((block, i) => {
      if (i % 2 === 0) return block;
      const extra = each + (run >= remStart && run < remEnd ? 1 : 0);
      run++;
      return block + ' '.repeat(extra);
    })
    .join('');
}

/** TextHelper.wrap. */
export function wrapText(text: string, width: number, initialOffset: number, initialIndent: string, subsequentIndent: string): string {
  let out = initialIndent;
  let line = '';
  let current = initialOffset + initialIndent.length;
  for (const piece of lineBreakPieces(text)) {
    current += piece.length;
    if (current > width) {
      out += `${justify(line, width - (current - piece.length - line.length))}\n${subsequentIndent}`;
      line = '';
      current = subsequentIndent.length + piece.length;
    }
    line += piece;
    if (piece.endsWith('\n')) {
      out += line + subsequentIndent;
      line = '';
      current = subsequentIndent.length;
    }
  }
  return out + line;
}

/** TextHelper.printHelp: `  <title>` then the help from column 25 (on the next line when the title is long). */
export function helpEntry(title: string, help: string): string {
  if (help === '') return `  ${title}\n`;
  const pad = title.length <= 21 ? ' '.repeat(HELP_INDENT - title.length - 2) : `\n${' '.repeat(HELP_INDENT)}`;
  return `  ${title}${pad}${wrapText(help, FORMAT_WIDTH, HELP_INDENT, '', ' '.repeat(HELP_INDENT))}\n`;
}
