import { defineConfig } from 'vitest/config';

// One vitest run over every package, so CI ends with one summary. Each package keeps its own
// vitest.config.ts (a project: environment, timeouts). The hardening suite is a project of its
// own that `pnpm test` leaves out and `pnpm test:hardening` runs. `bench` holds the unit tests
// of the benchmark script's pure parts (the benchmark itself never runs in a test).
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'bench'],
    reporters: ['default', './scripts/summary-reporter.ts'],
  },
});
