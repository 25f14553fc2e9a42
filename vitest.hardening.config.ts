import { defineConfig } from 'vitest/config';

// The hardening suite of the swap service (issue 10): fuzzing, soak, stop under load, upstream
// chaos. `pnpm test:hardening` builds first and runs this config; `pnpm test` leaves it out.
// Files run one after another (they measure timings and memory on a shared 2-core machine).
export default defineConfig({
  test: {
    fileParallelism: false,
    projects: [
      {
        test: {
          name: 'hardening',
          root: 'apps/swap-service',
          include: ['test-hardening/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
    reporters: [
      'default',
      './scripts/summary-reporter.ts',
      './apps/swap-service/test-hardening/support/hardening-reporter.ts',
    ],
  },
});
