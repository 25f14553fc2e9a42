import { defineProject } from 'vitest/config';

// The suites spawn real servers and wait on (small) upstream fault delays: generous timeouts so
// a loaded 2-core CI machine does not flake.
export default defineProject({
  test: {
    name: '@tokenswap/conformance',
    include: ['test/**/*.test.ts'],
    testTimeout: 90_000,
    hookTimeout: 90_000,
  },
});
