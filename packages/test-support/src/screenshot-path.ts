import { mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where a browser test writes its screenshot. The committed picture in a package's `docs/`
 * is refreshed only on purpose (`pnpm screenshots`, which sets `UPDATE_SCREENSHOTS=1`); an
 * ordinary test run writes beside the package in the ignored `test-results/screenshots/`, so
 * `pnpm test` leaves a clean checkout clean.
 *
 * @param committed the committed picture, e.g. `new URL('../docs/consent.png', import.meta.url)`
 */
export function screenshotPath(committed: URL, env: NodeJS.ProcessEnv = process.env): string {
  const committedPath = fileURLToPath(committed);
  if (env.UPDATE_SCREENSHOTS === '1') return committedPath;
  // `<package>/docs/x.png` → `<package>/test-results/screenshots/x.png`
  const packageDir = dirname(dirname(committedPath));
  const dir = join(packageDir, 'test-results', 'screenshots');
  mkdirSync(dir, { recursive: true });
  return join(dir, basename(committedPath));
}
