#!/usr/bin/env node
// Writes the man pages, one roff page per command (man/kt.1, man/kt-topics.1,
// man/kt-server-start.1, ...), from the command declarations as the built oclif.manifest.json
// holds them (summary, description, usage, flags, examples, the Kafka script). `npm run build`
// first. The pages are committed (package.json `man` installs them with `npm i -g`), and
// test/cli/man-pages.test.ts fails when they no longer match what this script writes.
//   node scripts/generate-man.mjs [--out <dir>]     (default: man/)
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outIndex = process.argv.indexOf('--out');
const out = outIndex > 0 ? process.argv[outIndex + 1] : `${root}man`;
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
const manifest = JSON.parse(readFileSync(`${root}oclif.manifest.json`, 'utf8'));
const BIN = pkg.oclif.bin;
const SOURCE = `${BIN} ${pkg.version}`;
const MANUAL = `${BIN} manual`;

/** Text safe in roff: backslashes escaped, hyphens literal, no line read as a request. */
function roff(text) {
  return String(text)
    .replace(/\\/g, '\\e')
    .replace(/-/g, '\\-')
    .split('\n')
    .map((line) => (/^[.']/.test(line) ? `\\&${line}` : line))
    .join('\n');
}

const pageName = (id) => `${BIN}-${id.replaceAll(':', '-')}`;
const spaced = (id) => id.replaceAll(':', ' ');
const header = (name, summary) => [`.TH ${roff(name.toUpperCase())} 1 "" "${SOURCE}" "${MANUAL}"`, '.SH NAME', `${roff(name)} \\- ${roff(summary)}`];

function flagLine(name, flag) {
  const value = flag.type === 'option' ? `=${flag.helpValue ?? '<value>'}` : '';
  const short = flag.char ? `\\fB\\-${flag.char}\\fR, ` : '';
  return `${short}\\fB\\-\\-${roff(name)}\\fR${roff(value)}${flag.multiple ? ' (repeatable)' : ''}`;
}

function commandPage(command) {
  const lines = header(pageName(command.id), command.summary);
  lines.push('.SH SYNOPSIS', `.B ${BIN}`, roff(command.usage ?? spaced(command.id)));
  lines.push('.SH DESCRIPTION');
  for (const paragraph of String(command.description ?? command.summary).split(/\n\n+/)) lines.push('.PP', roff(paragraph));
  const args = Object.entries(command.args ?? {});
  if (args.length > 0) {
    lines.push('.SH ARGUMENTS');
    for (const [name, arg] of args) lines.push('.TP', `\\fI${roff(name)}\\fR${arg.required ? '' : ' (optional)'}`, roff(arg.description ?? ''));
  }
  const flags = Object.entries(command.flags ?? {})
    .filter(([, f]) => !f.hidden)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (flags.length > 0) {
    lines.push('.SH OPTIONS');
    for (const [name, flag] of flags) {
      let text = flag.description ?? flag.summary ?? '';
      if (flag.aliases?.length) text += ` Also spelled ${flag.aliases.map((a) => `--${a}`).join(', ')}.`;
      if (flag.deprecated) text += typeof flag.deprecated === 'object' && flag.deprecated.message ? ` Deprecated: ${flag.deprecated.message}` : ' Deprecated.';
      // Defaults are left to `kt help`: some are computed when the tool loads (a random group id).
      lines.push('.TP', flagLine(name, flag), roff(text));
    }
  }
  if (command.examples?.length) {
    lines.push('.SH EXAMPLES');
    for (const example of command.examples) lines.push('.PP', '.nf', roff(example.replaceAll('<%= config.bin %>', BIN)), '.fi');
  }
  lines.push('.SH SEE ALSO', `.BR ${BIN} (1)${command.kafkaScript ? ',' : ''}`);
  if (command.kafkaScript) lines.push(`Apache Kafka's \\fB${roff(command.kafkaScript)}\\fR`);
  return `${lines.join('\n')}\n`;
}

function rootPage(commands) {
  const lines = header(BIN, pkg.description);
  lines.push('.SH SYNOPSIS', `.B ${BIN}`, '\\fICOMMAND\\fR [\\fIOPTIONS\\fR]', '.SH DESCRIPTION', '.PP');
  lines.push(
    roff(
      `${BIN} is a Kafka-compatible broker (${BIN} server start) and Apache Kafka's command-line tools (${BIN} topics, ${BIN} console-producer, ...), with the same options, output and exit codes as the kafka-*.sh scripts. ` +
        `Each tool's --help prints Kafka's own help; ${BIN} help COMMAND prints ${BIN}'s. ${BIN} autocomplete bash|zsh|powershell sets up shell completion.`,
    ),
  );
  lines.push('.SH COMMANDS');
  for (const command of commands) lines.push('.TP', `\\fB${roff(spaced(command.id))}\\fR`, `${roff(command.summary)} See \\fB${roff(pageName(command.id))}\\fR(1).`);
  lines.push('.SH SEE ALSO', commands.map((c) => `.BR ${roff(pageName(c.id))} (1)`).join(',\n'));
  return `${lines.join('\n')}\n`;
}

const commands = Object.values(manifest.commands)
  .filter((c) => c.kafkaScript !== undefined && !c.hidden)
  .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
mkdirSync(out, { recursive: true });
for (const file of readdirSync(out)) if (file.endsWith('.1')) rmSync(`${out}/${file}`);
writeFileSync(`${out}/${BIN}.1`, rootPage(commands));
for (const command of commands) writeFileSync(`${out}/${pageName(command.id)}.1`, commandPage(command));
// package.json's `man` list names exactly these pages (only when writing the real man/ folder).
if (outIndex < 0) {
  const pkgPath = `${root}package.json`;
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8'));
  pkg.man = readdirSync(out).filter((f) => f.endsWith('.1')).sort().map((f) => `./man/${f}`);
  writeFileSync(pkgPath, `${JSON.stringify(pkg, null, 2)}\n`);
}
process.stdout.write(`${out}: ${commands.length + 1} man pages\n`);
