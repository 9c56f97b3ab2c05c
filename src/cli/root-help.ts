// `kt`, `kt --help`, `kt help`: the command list, in oclif's layout, without loading oclif
// (whose plugin loading costs more than the rest of the CLI's start-up).
import { TOOL_SUMMARIES, TOPIC_SUMMARIES } from './tool-summaries.js';
import { ktDescription, ktVersion } from '../common/version.js';

const WIDTH = 80;

export function formatRootHelp(): string {
  const topics = Object.entries(TOOL_SUMMARIES).filter(([id]) => id.includes(' '));
  const commands = Object.entries(TOOL_SUMMARIES).filter(([id]) => !id.includes(' '));
  const topicRows = [...new Set(topics.map(([id]) => id.split(' ')[0]!))].map((t) => [t, TOPIC_SUMMARIES[t] ?? topics.find(([id]) => id.startsWith(`${t} `))![1]] as const);
  return [
    ktDescription(),
    '',
    'VERSION',
    `  kt/${ktVersion()} ${process.platform}-${process.arch} node-${process.version}`,
    '',
    'USAGE',
    '  $ kt [COMMAND]',
    '',
    'TOPICS',
    ...table(topicRows),
    '',
    'COMMANDS',
    ...table(commands),
    '',
    '',
  ].join('\n');
}

function table(rows: ReadonlyArray<readonly [string, string]>): string[] {
  const pad = Math.max(...rows.map(([name]) => name.length)) + 2;
  const lines: string[] = [];
  for (const [name, summary] of rows) {
    const wrapped = wrap(summary, WIDTH - 2 - pad);
    lines.push(`  ${name.padEnd(pad)}${wrapped[0]}`);
    for (const more of wrapped.slice(1)) lines.push(`  ${' '.repeat(pad)}${more}`);
  }
  return lines;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines;
}
