import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@tokenswap/test-support',
    include: ['test/**/*.test.ts'],
  },
});
