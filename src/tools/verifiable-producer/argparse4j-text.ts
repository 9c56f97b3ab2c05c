// argparse4j's line wrapping of its error line (TextHelper.wrap at 75 columns): words are
// filled into lines, and every full line is justified by widening its gaps, the extra spaces
// going evenly to every gap and the remainder to a run of gaps in the middle of the line.
// Lines may also break after a hyphen inside a word (Java's line BreakIterator).

const WIDTH = 75;

/** Break pieces: a word with its trailing spaces, or a word part ending in a hyphen. */
function pieces(text: string): string[] {
  return text.match(/[^\s-]*(?:-+(?=[^\s-])|\s+|-+\s*|$)/g)!.filter((p) => p !== '');
}

export function wrapJustified(text: string, width = WIDTH): string {
  const lines: string[] = [];
  let line = '';
  for (const piece of pieces(text)) {
    if (line !== '' && line.length + piece.length > width) {
      lines.push(justify(line.trimEnd(), width));
      line = '';
    }
    line += piece;
  }
  lines.push(line.trimEnd());
  return lines.join('\n');
}

/** Widens the gaps (single spaces) of a full line to `width` columns. */
export function justify(line: string, width: number): string {
  const words = line.split(' ');
  const gaps = words.length - 1;
  const missing = width - line.length;
  if (gaps <= 0 || missing <= 0) return line;
  const each = Math.floor(missing / gaps);
  const remainder = missing % gaps;
  // The remainder goes to `remainder` consecutive gaps centred in the line (1-based from here).
  const first = Math.ceil((gaps - remainder) / 2) + 1;
  let out = words[0]!;
  for (let g = 1; g <= gaps; g++) {
    const extra = each + (g >= first && g < first + remainder ? 1 : 0);
    out += ' '.repeat(1 + extra) + words[g]!;
  }
  return out;
}
