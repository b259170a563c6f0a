import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'packages/*/src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores on CI: a couple of files at once keeps PGlite instances from starving each other.
    maxWorkers: 2,
    pool: 'forks',
    // One migrated database per run; each test file's database starts as a copy of it.
    globalSetup: ['src/test-support/global-setup.ts'],
  },
});
