import { defineProject } from 'vitest/config';

// The runtime tests start real workerd, Deno and Bun processes and run the conformance suite
// against each: generous timeouts so a loaded 2-core CI machine does not flake.
export default defineProject({
  test: {
    name: '@tokenswap/handler',
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
