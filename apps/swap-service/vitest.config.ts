import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@tokenswap/swap-service',
    include: ['test/**/*.test.ts'],
    // Real servers, child processes and a shared 2-core machine: generous, not flaky.
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
