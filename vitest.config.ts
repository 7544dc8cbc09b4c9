import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'],
    // Files run in parallel, each against its own database and queue prefix.
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
