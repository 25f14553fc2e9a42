import { defineConfig } from 'vitest/config';

// One vitest run over every package, so CI ends with one summary. Each package keeps its own
// vitest.config.ts (environment, timeouts); the hardening suite is its own project, run by
// `pnpm test:hardening` and not by `pnpm test`.
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*'],
  },
});
