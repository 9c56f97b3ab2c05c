#!/usr/bin/env node
// Entry point of the `kt` CLI. The Kafka-style tools (`kt topics`, `kt server start`, ...) parse
// their own options, so they are dispatched directly (src/cli/tools.ts) and start instantly;
// everything else (`kt`, `kt help`, unknown commands) goes through oclif.
import { findTool } from '../dist/cli/tools.js';

const tool = findTool(process.argv.slice(2));
if (tool) {
  await tool.run(tool.args);
} else {
  const { execute } = await import('@oclif/core');
  await execute({ dir: import.meta.url });
}
