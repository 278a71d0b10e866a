import { defineConfig } from 'vitest/config';

/**
 * The fault suite (`npm run test:faults`): the real pipeline in child processes against a Redis
 * each test owns, broken one part at a time. Files run one after another: each loads both cores.
 */
export default defineConfig({
  test: {
    include: ['test/faults/**/*.test.ts'],
    // A shared Redis for tests that need only queues; tests that break Redis start their own.
    globalSetup: ['test/helpers/global-redis.ts'],
    pool: 'forks',
    testTimeout: 180_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
