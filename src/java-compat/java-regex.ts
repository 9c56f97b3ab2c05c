// Java regular expressions as Kafka's tools use them: topic filters that must match a whole
// topic name (String.matches), and String.split for the console producer's headers.separator.
// Java and JavaScript agree on the common syntax; the Java-only forms tools meet (\Q..\E quoting,
// \A \z \Z anchors, possessive quantifiers, atomic groups, leading inline flags) are translated.

export class InvalidRegexError extends Error {
  constructor(readonly pattern: string) {
    super(`${pattern} is an invalid regex.`);
    this.name = 'InvalidRegexError';
  }
}

/** Compiles a Java regex into a JavaScript RegExp with the same meaning (throws InvalidRegexError). */
export function compileJavaRegex(pattern: string, options: { wholeMatch?: boolean; global?: boolean } = {}): RegExp {
  let source = pattern;
  let flags = options.global ? 'g' : '';
  // Leading inline flags, e.g. (?i); JavaScript has no inline flags.
  const inline = /^\(\?([imsx]+)\)/.exec(source);
  if (inline !== null) {
    source = source.slice(inline[0].length);
    for (const f of inline[1]!) {
      if (f === 'x') throw new InvalidRegexError(pattern);
      if (!flags.includes(f)) flags += f;
    }
  }
  source = translate(source);
  if (options.wholeMatch) source = `^(?:${source})$`;
  try {
    return new RegExp(source, flags);
  } catch {
    throw new InvalidRegexError(pattern);
  }
}

const SPECIAL = /[\\^$.*+?()[\]{}|/-]/g;

function translate(src: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === '\\') {
      const n = src[i + 1];
      if (n === undefined) throw new InvalidRegexError(src);
      if (n === 'Q') {
        // \Q...\E quotes everything up to \E (or the end).
        const end = src.indexOf('\\E', i + 2);
        const quoted = end < 0 ? src.slice(i + 2) : src.slice(i + 2, end);
        out += quoted.replace(SPECIAL, '\\$&');
        i = end < 0 ? src.length : end + 1;
        continue;
      }
      if (!inClass && n === 'A') out += '^';
      else if (!inClass && n === 'z') out += '$';
      else if (!inClass && n === 'Z') out += '(?=\\n?$)';
      else out += c + n;
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      // A ']' right after '[' or '[^' is a literal in both dialects.
      if (src[i + 1] === '^') out += src[++i];
      if (src[i + 1] === ']') out += `\\${src[++i]}`;
      continue;
    }
    if (c === '(' && src.startsWith('(?>', i)) {
      // Atomic group: JavaScript has none; a plain group matches the same strings here.
      out += '(?:';
      i += 2;
      continue;
    }
    if (c === '+' && i > 0 && isQuantifierEnd(src, i - 1)) {
      // Possessive quantifier (x*+): drop the '+', keeping a greedy quantifier.
      continue;
    }
    out += c;
  }
  return out;
}

function isQuantifierEnd(src: string, i: number): boolean {
  const c = src[i]!;
  if (c !== '*' && c !== '+' && c !== '?' && c !== '}') return false;
  // The quantifier itself must not be escaped.
  let backslashes = 0;
  for (let j = i - 1; j >= 0 && src[j] === '\\'; j--) backslashes++;
  return backslashes % 2 === 0;
}

/**
 * Java's String.split(regex): trailing empty strings are removed, and a zero-width match at the
 * start never produces a leading empty string. `regex` must be global.
 */
export function javaSplit(text: string, regex: RegExp): string[] {
  const parts: string[] = [];
  let index = 0;
  let matched = false;
  regex.lastIndex = 0;
  for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    // Step past an empty match, as Java's Matcher.find does.
    if (end === start) regex.lastIndex = start + 1;
    if (end === 0) continue;
    parts.push(text.slice(index, start));
    index = end;
    matched = true;
  }
  if (!matched) return [text];
  parts.push(text.slice(index));
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** The internal topics Kafka's tools know by name (Topic.isInternal). */
export const INTERNAL_TOPICS: ReadonlySet<string> = new Set(['__consumer_offsets', '__transaction_state', '__share_group_state']);

export function isInternalTopic(topic: string): boolean {
  return INTERNAL_TOPICS.has(topic);
}

/**
 * Kafka's TopicFilter.IncludeList: the raw value is trimmed, ',' becomes '|', spaces are removed
 * and surrounding quotes stripped; the result must match the whole topic name.
 */
export class TopicIncludeList {
  readonly regex: string;
  private readonly compiled: RegExp;

  constructor(raw: string) {
    this.regex = raw.trim().replaceAll(',', '|').replaceAll(' ', '').replace(/^["']+/, '').replace(/["']+$/, '');
    this.compiled = compileJavaRegex(this.regex, { wholeMatch: true });
  }

  isTopicAllowed(topic: string, excludeInternalTopics: boolean): boolean {
    return this.compiled.test(topic) && !(excludeInternalTopics && isInternalTopic(topic));
  }
}
