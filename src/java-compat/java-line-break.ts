// Where java.text.BreakIterator.getLineInstance() (the JDK's rule-based line iterator) allows a
// line break. jopt-simple and argparse4j wrap their help text at these positions, so kt's help
// only matches Kafka's byte for byte when it breaks where the JDK does: after spaces, after a
// run of dashes ("max-|partition"), after trailing punctuation ("org.|apache"), before an opening
// bracket ("server|(s)"), and never inside a number such as "1.5.2".
//
// Model (checked against the JDK on every help text of Kafka's tools): a segment is
//   word ((hack3) word)* space* ["()" post*] [CR] [break]
//   word = pre* core (dash+ | post*)
//   core = (char | digit)* | [pre dash]* digit+ (midnum digit+)*
// and each segment is the longest match at its position (at least one character).

type Positions = ReadonlySet<number>;
type Pattern = (text: string, from: Positions) => Positions;

const BREAK = /[\u0003\t\n\f\u2028\u2029]/u;
const GLUE = /[\u00a0\u0f0c\u2007\u2011\u202f\ufeff]/u;
const SPACE = /[\p{Zs}\p{Cc}]/u;
const DASH = /[\p{Pd}\u00ad]/u;
const PRE = /[\p{Sc}\p{Ps}\p{Pi}"']/u;
const POST = /["\p{Pe}\p{Pf}!%.,:;?\u00a2\u00b0\u066a\u2030-\u2034\u2103\u2105\u2109]/u;
const DIGIT = /[\p{Nd}\p{No}]/u;
const MIDNUM = /[.,]/u;
const HACK3 = /[$']/u;

const isBreak = (c: string) => BREAK.test(c);
const isSpace = (c: string) => SPACE.test(c) && !GLUE.test(c) && !BREAK.test(c) && c !== '\r';
const isDash = (c: string) => DASH.test(c) && !GLUE.test(c);
const isPre = (c: string) => PRE.test(c) && c !== '\u00a2';
const isPost = (c: string) => POST.test(c);
const isDigit = (c: string) => DIGIT.test(c);
const isMidNum = (c: string) => MIDNUM.test(c);
const isChar = (c: string) =>
  !isBreak(c) && !isSpace(c) && !isDash(c) && !GLUE.test(c) && !isPre(c) && !isPost(c) && !isMidNum(c) && !isDigit(c) && c !== '\r';

function cls(test: (c: string) => boolean): Pattern {
  return (text, from) => {
    const out = new Set<number>();
    for (const i of from) if (i < text.length && test(text[i]!)) out.add(i + 1);
    return out;
  };
}

function seq(...parts: Pattern[]): Pattern {
  return (text, from) => parts.reduce<Positions>((at, part) => part(text, at), from);
}

function alt(...parts: Pattern[]): Pattern {
  return (text, from) => {
    const out = new Set<number>();
    for (const part of parts) for (const i of part(text, from)) out.add(i);
    return out;
  };
}

function star(part: Pattern): Pattern {
  return (text, from) => {
    const all = new Set(from);
    let frontier: Positions = from;
    while (frontier.size > 0) {
      const next = new Set<number>();
      for (const i of part(text, frontier)) if (!all.has(i)) next.add(i), all.add(i);
      frontier = next;
    }
    return all;
  };
}

const plus = (part: Pattern): Pattern => seq(part, star(part));
const opt = (part: Pattern): Pattern => alt(part, (_t, from) => from);

const digits = plus(cls(isDigit));
const number = seq(star(cls((c) => isPre(c) || isDash(c))), digits, star(seq(cls(isMidNum), digits)));
const core = alt(star(cls((c) => isChar(c) || isDigit(c))), number);
const suffix = alt(plus(cls(isDash)), star(cls(isPost)));
const word = seq(star(cls(isPre)), core, suffix);
const segment = seq(
  word,
  star(seq(cls((c) => HACK3.test(c)), word)),
  star(cls(isSpace)),
  opt(seq(cls((c) => c === '('), cls((c) => c === ')'), star(cls(isPost)))),
  opt(cls((c) => c === '\r')),
  opt(cls(isBreak)),
);

/** The text cut at each position where the JDK's line BreakIterator allows a break. */
export function javaLineSegments(text: string): string[] {
  const pieces: string[] = [];
  let start = 0;
  while (start < text.length) {
    const ends = segment(text, new Set([start]));
    const end = Math.max(start + 1, ...ends);
    pieces.push(text.slice(start, end));
    start = end;
  }
  return pieces;
}
