// java.text.SimpleDateFormat for the letters perf tools use: y M d H h k K m s S a E, quoted
// literals ('...' and '' for a quote) and any other non-letter character as itself; local time.
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

type Part = { literal: string } | { letter: string; count: number };

export class UnsupportedDatePattern extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IllegalArgumentException';
  }
}

function compile(pattern: string): Part[] {
  const parts: Part[] = [];
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i]!;
    if (ch === "'") {
      if (pattern[i + 1] === "'") {
        parts.push({ literal: "'" });
        i += 2;
        continue;
      }
      const end = pattern.indexOf("'", i + 1);
      if (end < 0) throw new UnsupportedDatePattern('Unterminated quote');
      parts.push({ literal: pattern.slice(i + 1, end).replace(/''/g, "'") });
      i = end + 1;
      continue;
    }
    if (/[a-zA-Z]/.test(ch)) {
      if (!'yMdHhkKmsSaE'.includes(ch)) throw new UnsupportedDatePattern(`Illegal pattern character '${ch}'`);
      let count = 1;
      while (pattern[i + count] === ch) count++;
      parts.push({ letter: ch, count });
      i += count;
      continue;
    }
    parts.push({ literal: ch });
    i++;
  }
  return parts;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

function field(letter: string, count: number, d: Date): string {
  switch (letter) {
    case 'y': {
      const year = d.getFullYear();
      return count === 2 ? pad(year % 100, 2) : pad(year, count);
    }
    case 'M':
      return count >= 4 ? MONTHS[d.getMonth()]! : count === 3 ? MONTHS[d.getMonth()]!.slice(0, 3) : pad(d.getMonth() + 1, count);
    case 'd':
      return pad(d.getDate(), count);
    case 'H':
      return pad(d.getHours(), count);
    case 'k':
      return pad(d.getHours() === 0 ? 24 : d.getHours(), count);
    case 'K':
      return pad(d.getHours() % 12, count);
    case 'h':
      return pad(d.getHours() % 12 === 0 ? 12 : d.getHours() % 12, count);
    case 'm':
      return pad(d.getMinutes(), count);
    case 's':
      return pad(d.getSeconds(), count);
    case 'S':
      return pad(d.getMilliseconds(), count);
    case 'a':
      return d.getHours() < 12 ? 'AM' : 'PM';
    default: // 'E'
      return count >= 4 ? DAYS[d.getDay()]! : DAYS[d.getDay()]!.slice(0, 3);
  }
}

/** A formatter for `pattern`; throws UnsupportedDatePattern for letters it does not know. */
export function simpleDateFormat(pattern: string): (epochMs: number) => string {
  const parts = compile(pattern);
  return (epochMs) => {
    const d = new Date(epochMs);
    let out = '';
    for (const part of parts) out += 'literal' in part ? part.literal : field(part.letter, part.count, d);
    return out;
  };
}
