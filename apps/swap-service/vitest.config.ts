import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@tokenswap/swap-service',
    include: ['test/**/*.test.ts'],
  },
});
