import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromiumSkipReason, launchChromium, screenshotPath } from '@tokenswap/test-support';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatHtml } from '../src/reporters/html.js';
import { runConformance } from '../src/runner.js';
import type { ConformanceReport } from '../src/types.js';
import { fixtureOptions } from './helpers/fixtures.js';

// Only a developer machine without Debian's Chromium may skip; in CI a missing browser fails.
const skipReason = chromiumSkipReason();
if (skipReason) console.warn(`html-report-browser.test.ts skipped: ${skipReason}`);

// The committed picture is refreshed only by `pnpm screenshots`; a test run writes to test-results/.
const SCREENSHOT = screenshotPath(new URL('../docs/report.png', import.meta.url));

/** A computed style property of the first element matching `selector` (evaluated in the page). */
const styleOf = (page: Page, selector: string, property: string): Promise<string> =>
  page.evaluate(
    `getComputedStyle(document.querySelector(${JSON.stringify(selector)}))[${JSON.stringify(property)}]`,
  );

describe.skipIf(skipReason !== undefined)('the HTML report in a real browser (Chromium)', () => {
  let browser: Browser;
  let dir: string;
  let report: ConformanceReport;
  let fileUrl: string;

  beforeAll(async () => {
    // A broken server (500 in plain text when upstream refuses a code) and enough cases to
    // make a realistic report, without the slow fault and load families.
    report = await runConformance(
      fixtureOptions('error-500', { only: ['SWAP', 'REFRESH', 'ERR', 'SEC-001', 'SEC-004'] }),
    );
    dir = await mkdtemp(join(tmpdir(), 'conformance-report-'));
    const path = join(dir, 'report.html');
    await writeFile(path, formatHtml(report, { version: '0.0.0' }));
    fileUrl = pathToFileURL(path).toString();
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('reads without scripts: FAIL banner, the failing case ids, their evidence', async () => {
    const failedIds = report.results.filter((r) => r.status === 'failed').map((r) => r.id);
    expect(failedIds).toEqual(['ERR-003', 'ERR-004', 'ERR-005']);

    // JavaScript off: everything must be readable from HTML and CSS alone.
    const context = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 1100, height: 900 },
    });
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(fileUrl);

    expect((await page.textContent('#verdict .word'))?.trim()).toBe('FAIL');
    const rows = await page.locator('table.cases tbody tr').count();
    expect(rows).toBe(report.results.length);
    const shownFailures = await page.locator('tr.failed td:first-child').allTextContents();
    expect(shownFailures.map((t) => t.trim())).toEqual(failedIds);
    for (const id of failedIds) {
      const article = page.locator(`#case-${id}`);
      expect(await article.locator('h3').textContent()).toContain(id);
      expect(await article.locator('pre').first().textContent()).toMatch(
        /^POST http:\/\/127\.0\.0\.1:\d+\/swap/,
      );
      expect(await article.locator('pre').nth(1).textContent()).toMatch(/^HTTP 500/);
    }
    // The verdict is red, the failing rows are marked.
    expect(await styleOf(page, '#verdict', 'backgroundColor')).toBe('rgb(179, 38, 30)');
    expect(await styleOf(page, 'tr.failed', 'backgroundColor')).toBe('rgb(253, 241, 240)');
    // Only the file itself was loaded: no stylesheet, font or image from anywhere.
    expect(requests).toEqual([fileUrl]);
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    // Printed: evidence stacks in one column, the banner keeps its colour, rows do not split.
    await page.emulateMedia({ media: 'print' });
    const columns = await styleOf(page, '.evidence', 'gridTemplateColumns');
    expect(columns.split(' ')).toHaveLength(1);
    expect(await styleOf(page, '#verdict', 'printColorAdjust')).toBe('exact');
    expect(await styleOf(page, '.failure', 'breakInside')).toBe('avoid-page');
    await context.close();
  }, 60_000);
});
