import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@tokenswap/core',
    include: ['test/**/*.test.ts'],
  },
});
