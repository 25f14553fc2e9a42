import { defineConfig } from 'vitest/config';

// A vitest *project* of the root config (name below). `defineConfig` rather than
// `defineProject` only so the coverage block type-checks: coverage is a root-level option, used
// when this file is the root config, i.e. when vitest runs from this folder
// (`pnpm --filter @tokenswap/core coverage`). Under the root config it is ignored.
export default defineConfig({
  test: {
    name: '@tokenswap/core',
    include: ['test/**/*.test.ts'],
    // Property tests do real AES-GCM and PBKDF2 derivations (600k iterations); the machine is
    // shared, so leave room.
    testTimeout: 30_000,
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      reporter: ['text', 'text-summary'],
      thresholds: { lines: 95 },
    },
  },
});
