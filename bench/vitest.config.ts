import { defineProject } from 'vitest/config';

// The bench's pure parts (per-round ratios, goals, --compare, flags, the service's entry): unit
// tests in milliseconds. The bench itself is a script that prints same-run ratios, never a test:
// nothing here starts a server under load.
export default defineProject({
  test: {
    name: 'bench',
    include: ['test/**/*.test.mjs'],
  },
});
