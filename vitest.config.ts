import { defineConfig } from 'vitest/config';
import SlowFirstSequencer from './test/slow-first-sequencer.js';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'packages/*/src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores on CI: a couple of files at once keeps PGlite instances from starving each other.
    maxWorkers: 2,
    pool: 'forks',
    // Each worker loads the app's modules once for all its files rather than once per file (about a
    // third of a file's CPU went to imports); every file still makes its own app and database.
    isolate: false,
    // Long files first, so neither worker is left alone with one at the end.
    sequence: { sequencer: SlowFirstSequencer },
    // One migrated database per run; each test file's database starts as a copy of it. The mesh
    // kernel's WebAssembly rebuilt when its source changed.
    globalSetup: ['src/test-support/global-setup.ts', 'test/mesh-kernel-build.ts'],
  },
});
