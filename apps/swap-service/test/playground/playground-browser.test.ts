import { chromiumSkipReason, launchChromium, screenshotPath } from '@tokenswap/test-support';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PlaygroundStack, startPlaygroundStack } from './helpers.js';

// Only a developer machine without Debian's Chromium may skip; in CI a missing browser fails.
const skipReason = chromiumSkipReason();
if (skipReason) console.warn(`playground-browser.test.ts skipped: ${skipReason}`);

// The committed picture is refreshed only by `pnpm screenshots`; a test run writes to test-results/.
const SCREENSHOT = screenshotPath(new URL('../../docs/playground.png', import.meta.url));

/**
 * Clicks a step's button and waits until the page is idle again (it marks itself busy, in the
 * click handler, until every request of the step has been answered and shown).
 */
async function step(page: Page, selector: string): Promise<void> {
  const before = Number(await page.getAttribute('#log', 'data-count'));
  await page.click(selector);
  await page.waitForSelector('#playground:not([data-busy])');
  expect(Number(await page.getAttribute('#log', 'data-count'))).toBeGreaterThan(before);
}

const text = async (page: Page, selector: string) =>
  ((await page.textContent(selector)) ?? '').trim();

/** Logs in through the mock's consent page; resolves when the swap answer is on the page. */
async function logIn(page: Page, variant: 'plain' | 'pkce'): Promise<void> {
  await page.check(`input[name="variant"][value="${variant}"]`);
  await page.click('#login');
  await page.waitForSelector('button[value="agree"]'); // the mock's consent page
  await page.click('button[value="agree"]');
  await page.waitForSelector('#playground[data-ready="true"]');
}

describe.skipIf(skipReason !== undefined)('the playground in a real browser (Chromium)', () => {
  let browser: Browser;
  let stack: PlaygroundStack;

  beforeAll(async () => {
    stack = await startPlaygroundStack();
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  /** A fresh page that fails the test on any script error or CSP violation. */
  async function openPlayground(): Promise<{ page: Page; problems: string[]; tokens: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const problems: string[] = [];
    const tokens: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      // Chromium logs every 4xx/5xx answer as an error; the page shows those on purpose.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
        problems.push(message.text());
    });
    // The raw token answers, to prove the page shows them only masked.
    page.on('response', async (response) => {
      if (!/\/(swap|refresh)$/.test(new URL(response.url()).pathname)) return;
      const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
      for (const key of ['access_token', 'refresh_token'])
        if (typeof body[key] === 'string') tokens.push(body[key] as string);
    });
    await page.goto(`${stack.url}/`);
    await page.waitForSelector('#playground[data-ready="true"]');
    return { page, problems, tokens };
  }

  it('logs in, swaps, refreshes, calls /v1/me, expires, recovers and maps an injected 503', async () => {
    const { page, problems, tokens } = await openPlayground();
    await logIn(page, 'plain');

    // Back on the playground, the code gone from the address bar, the swap answer shown.
    expect(new URL(page.url()).search).toBe('');
    expect(await text(page, '#status')).toMatch(/^Logged in \(authorization code\)/);
    expect(await text(page, '#access-token')).toMatch(/^\S{6}…\S{4} \(\d+ chars\)$/);
    expect(await text(page, '#refresh-token')).toMatch(/^v1\.[\w-]+\.\S{6}…\S{4} \(\d+ chars\)$/);
    expect(await text(page, '#sealed-version')).toBe('v1');
    expect(await text(page, '#sealed-kid')).toBe(stack.keyId);
    expect(await text(page, '#sealed-payload')).toMatch(/= \d+ bytes: a 12-byte IV/);
    expect(await text(page, '#scope')).toBe('user-read-email user-read-private');
    const countdown = await text(page, '#expires-in');
    const seconds = Number(countdown.split(' ')[0]);
    expect(seconds).toBeGreaterThan(3500);
    expect(seconds).toBeLessThanOrEqual(3600);
    // A live countdown: it goes down while we watch. (Polled from here: the page's CSP forbids
    // the string evaluation page.waitForFunction would need.)
    await expect
      .poll(async () => Number((await text(page, '#expires-in')).split(' ')[0]), { timeout: 5_000 })
      .toBeLessThan(seconds);
    const swapExchange = await text(page, '#log .exchange:first-child');
    expect(swapExchange).toMatch(/POST http:\/\/127\.0\.0\.1:\d+\/swap → 200/);
    expect(swapExchange).toContain('content-type: application/x-www-form-urlencoded');
    expect(swapExchange).toMatch(/code=AQ\S{4}…\S{4}/);
    expect(swapExchange).not.toContain('code_verifier');
    // The authorize navigation is shown too, with the state the page generated.
    expect(await text(page, '#log .exchange:nth-child(2)')).toMatch(
      /GET http:\/\/127\.0\.0\.1:\d+\/authorize → 302/,
    );

    await step(page, '#refresh');
    expect(await text(page, '#status')).toMatch(
      /^Refreshed: a new access token, valid 3600 s; the refresh token did not rotate/,
    );
    expect(await text(page, '#rotation')).toMatch(/^not rotated on refresh #1/);

    await step(page, '#call-me');
    expect(await text(page, '#me-id')).toBe('demo-alice');
    expect(await text(page, '#me-email')).toContain('@');
    expect(await text(page, '#log .exchange:first-child')).toMatch(
      /GET http:\/\/127\.0\.0\.1:\d+\/__playground\/me → 200/,
    );
    expect(await text(page, '#log .exchange:first-child')).toMatch(
      /authorization: Bearer \S{6}…\S{4}/,
    );

    await step(page, '#expire');
    expect(await text(page, '#expires-in')).toBe('expired');
    await step(page, '#call-me');
    expect(await text(page, '#status')).toBe(
      'GET /v1/me answered 401: The access token expired. An app would now refresh: press Refresh, then call /v1/me again.',
    );
    await step(page, '#refresh');
    expect(await text(page, '#status')).toMatch(/^Refreshed/);
    expect(await text(page, '#expires-in')).toMatch(/^\d+ s/);
    await step(page, '#call-me');
    expect(await text(page, '#status')).toMatch(/^GET \/v1\/me answered 200/);

    await page.selectOption('#fault', 'status-503');
    await step(page, '#inject');
    expect(await text(page, '#status')).toBe(
      'Fault injected: the mock answered 503 with an HTML body; the service answered 502 temporarily_unavailable, as documented. The sealed refresh token is unharmed: press Refresh to recover.',
    );
    expect(await text(page, '#log .exchange:first-child')).toMatch(
      /POST http:\/\/127\.0\.0\.1:\d+\/refresh → 502/,
    );
    expect(await text(page, '#log .exchange:first-child')).toContain(
      '"error": "temporarily_unavailable"',
    );
    // From the top, so the sticky status line sits in its place in the full-page picture.
    await page.locator('h1').scrollIntoViewIfNeeded();
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    await step(page, '#refresh');
    expect(await text(page, '#status')).toMatch(/^Refreshed/);

    // Nothing on the page holds a whole token; no script error, no CSP violation.
    const html = await page.content();
    expect(tokens.length).toBeGreaterThanOrEqual(4);
    for (const token of tokens) expect(html).not.toContain(token);
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);

  it('PKCE: the browser sends the S256 challenge, swaps with the verifier, and shows rotation', async () => {
    const { page, problems } = await openPlayground();
    stack.mock.journal.clear();
    await logIn(page, 'pkce');
    expect(await text(page, '#status')).toMatch(/^Logged in \(PKCE\)/);
    expect(await text(page, '#log .exchange:first-child')).toMatch(/code_verifier=\S{6}…\S{4}/);
    expect(await text(page, '#log .exchange:nth-child(2)')).toMatch(
      /code_challenge_method=S256&code_challenge=[\w-]{43}/,
    );
    // What reached the mock: the code exchange carried the verifier (the mock checked it).
    const exchange = stack.mock.journal
      .entries()
      .find((e) => e.path === '/api/token' && e.grantType === 'authorization_code');
    expect(exchange).toMatchObject({ status: 200, hasCodeVerifier: true });

    const before = await text(page, '#refresh-token');
    await step(page, '#refresh');
    expect(await text(page, '#rotation')).toMatch(
      /^rotated on refresh #1: the mock issued a new refresh token/,
    );
    expect(await text(page, '#refresh-token')).not.toBe(before);
    await step(page, '#refresh'); // the newest one works
    expect(await text(page, '#rotation')).toMatch(/^rotated on refresh #2/);
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);

  it('refuses a code whose state it did not send, without swapping it', async () => {
    const { page } = await openPlayground();
    await page.goto(`${stack.url}/?code=AQforged&state=not-mine`);
    await page.waitForSelector('#playground[data-ready="true"]');
    expect(await text(page, '#status')).toBe(
      'Refused: the redirect’s state (not-mine) is not the one this page sent, so its code was not used. Start again with Log in.',
    );
    expect(await page.getAttribute('#log', 'data-count')).toBe('0');
    expect(new URL(page.url()).search).toBe('');
    await page.close();
  }, 60_000);
});
