import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@tokenswap/conformance',
    include: ['test/**/*.test.ts'],
  },
});
