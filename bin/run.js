#!/usr/bin/env node
// Entry point of the `kt` CLI. Commands live in dist/commands (built from src/commands).
import { execute } from '@oclif/core';

await execute({ dir: import.meta.url });
