import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@tokenswap/mock-accounts',
    include: ['test/**/*.test.ts'],
  },
});
