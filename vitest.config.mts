import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['bench/**/*.test.ts', 'build/**/*.test.ts', 'shared/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.ts', 'testkit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration tests start real servers; two cores are all CI has.
    maxWorkers: 2,
    // On CI a test that fails is run once more and reported as flaky-but-passed by the runner;
    // locally nothing is retried, so flakiness shows up where it can be fixed.
    retry: process.env.CI ? 1 : 0,
  },
});
