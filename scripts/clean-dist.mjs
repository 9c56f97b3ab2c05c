#!/usr/bin/env node
// Empties dist/ before tsc writes it: tsc never deletes the output of a source file that was
// moved or removed, and oclif would still find a stale dist/commands/*.js as a command.
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

rmSync(fileURLToPath(new URL('../dist/', import.meta.url)), { recursive: true, force: true });
