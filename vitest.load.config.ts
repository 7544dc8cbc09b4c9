import { defineConfig } from 'vitest/config';

// `npm run test:load`: the load test, apart from `npm test` (it takes several minutes and most of the machine).
export default defineConfig({
  test: {
    include: ['test/load/**/*.test.ts'],
    pool: 'forks',
    // One load test at a time: two would measure each other.
    fileParallelism: false,
    // Bounded by the test's own waits (start-up, reveal period, drain); this is the backstop.
    testTimeout: 45 * 60_000,
    hookTimeout: 5 * 60_000,
  },
});
