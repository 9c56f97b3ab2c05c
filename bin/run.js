#!/usr/bin/env node
// Entry point of the `kt` CLI. The Kafka-style tools (`kt topics`, `kt server start`, ...) parse
// their own options, so they are dispatched directly (src/cli/tools.ts) and start instantly, and
// so is the root help; anything else goes through oclif.
import { findTool } from '../dist/cli/tools.js';

const argv = process.argv.slice(2);
const tool = findTool(argv[0] === 'help' && argv.length > 1 ? [...argv.slice(1), '--help'] : argv);
if (tool) {
  await tool.run(tool.args);
} else if (argv.length === 0 || (argv.length === 1 && ['--help', '-h', 'help'].includes(argv[0]))) {
  const { formatRootHelp } = await import('../dist/cli/root-help.js');
  process.stdout.write(formatRootHelp());
} else {
  const { execute } = await import('@oclif/core');
  await execute({ dir: import.meta.url });
}
