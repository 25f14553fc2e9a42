import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium, installed by `.ci/run` (`apt-get install -y chromium`). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Why a browser test must skip here, or `undefined` when it runs. Only a developer machine
 * without Debian's Chromium may skip; with `CI` set a missing browser is a failure, so CI can
 * never pass without having run the browser tests.
 */
export function chromiumSkipReason(): string | undefined {
  if (existsSync(CHROMIUM_PATH) || process.env.CI) return undefined;
  return `${CHROMIUM_PATH} is missing (apt-get install -y chromium); set CI=1 to make this a failure`;
}

/**
 * Launches Debian's Chromium headless through playwright-core, with the flags this machine
 * needs: no sandbox (root in a container), no GPU, and no background networking (its calls
 * to Google's hosts are refused here and slow every start).
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}
