// Known bugs, each a failing test with its reproduction, kept out of the default suite:
//   npm run test:known-bugs
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('../../..', import.meta.url).pathname,
    include: ['test/robustness/known-bugs/*.bug.ts'],
    testTimeout: 120_000,
    pool: 'forks',
  },
});
