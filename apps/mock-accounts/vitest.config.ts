import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@tokenswap/mock-accounts',
    include: ['test/**/*.test.ts'],
    // The machine is shared by several engineers: real servers and a browser need headroom.
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
