import { defineProject } from 'vitest/config';

// A vitest project of the root config: the helpers' own tests (real sockets, real processes).
export default defineProject({
  test: {
    name: '@tokenswap/test-support',
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
  },
});
