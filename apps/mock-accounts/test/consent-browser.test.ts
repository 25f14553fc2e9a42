import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromiumSkipReason, launchChromium, screenshotPath } from '@tokenswap/test-support';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockAccounts } from '../src/index.js';
import { exchange, startMock } from './helpers.js';

// Only a developer machine without Debian's Chromium may skip; in CI a missing browser fails.
const skipReason = chromiumSkipReason();
if (skipReason) console.warn(`consent-browser.test.ts skipped: ${skipReason}`);

// The committed picture is refreshed only by `pnpm screenshots`; a test run writes to test-results/.
const SCREENSHOT = screenshotPath(new URL('../docs/consent.png', import.meta.url));

/** The app's redirect target: a tiny server on 127.0.0.1 that records each query. */
function startCallbackServer(): Promise<{ server: Server; url: string; hits: URLSearchParams[] }> {
  const hits: URLSearchParams[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // The browser also asks for /favicon.ico; only the callback itself counts.
    if (url.pathname === '/callback') hits.push(url.searchParams);
    res.writeHead(200, { 'content-type': 'text/html' }).end('<h1 id="landed">Back in the app</h1>');
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, url: `http://127.0.0.1:${port}/callback`, hits });
    });
  });
}

describe.skipIf(skipReason !== undefined)('consent page in a real browser (Chromium)', () => {
  let browser: Browser;
  let mock: MockAccounts;
  let callback: Awaited<ReturnType<typeof startCallbackServer>>;

  beforeAll(async () => {
    callback = await startCallbackServer();
    mock = await startMock({
      freezeClock: false,
      clients: [
        {
          id: 'tokenswap-demo-client',
          secret: 'tokenswap-demo-secret',
          name: 'tokenswap demo',
          redirectUris: [callback.url],
        },
      ],
    });
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await mock?.close();
    await new Promise((r) => callback?.server.close(r));
  });

  const authorizeUrl = (state: string) =>
    `${mock.url}/authorize?${new URLSearchParams({
      client_id: 'tokenswap-demo-client',
      response_type: 'code',
      redirect_uri: callback.url,
      scope: 'user-read-email user-read-private streaming',
      state,
      show_dialog: 'true',
    })}`;

  it('shows the scopes, switches user, Agree lands on the redirect with a working code', async () => {
    const page = await browser.newPage({ viewport: { width: 640, height: 720 } });
    await page.goto(authorizeUrl('agree-state'));
    expect(await page.textContent('#app-name')).toBe('tokenswap demo');
    const scopes = await page.locator('#scopes li').allTextContents();
    expect(scopes.map((s) => s.trim())).toEqual([
      'Get your real email address user-read-email',
      'Access your subscription details and country user-read-private',
      'Play content and control playback on your other devices streaming',
    ]);
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    await page.selectOption('select[name="user_id"]', 'demo-bob');
    await page.click('button[value="agree"]');
    await page.waitForSelector('#landed');
    const landed = new URL(page.url());
    expect(`${landed.origin}${landed.pathname}`).toBe(callback.url);
    const hit = callback.hits.at(-1);
    expect(hit?.get('state')).toBe('agree-state');
    const code = hit?.get('code') ?? '';
    expect(code).toMatch(/^AQ/);

    const tokens = await exchange(mock.url, code, { redirect_uri: callback.url });
    expect(tokens.status).toBe(200);
    const body = tokens.json as { access_token: string; scope: string };
    expect(body.scope).toBe('user-read-email user-read-private streaming');
    const me = await fetch(`${mock.url}/v1/me`, {
      headers: { authorization: `Bearer ${body.access_token}` },
    });
    expect(((await me.json()) as { id: string }).id).toBe('demo-bob');
    await page.close();
  }, 60_000);

  it('Cancel lands on the redirect with error=access_denied', async () => {
    const page = await browser.newPage();
    await page.goto(authorizeUrl('cancel-state'));
    await page.click('button[value="cancel"]');
    await page.waitForSelector('#landed');
    const hit = callback.hits.at(-1);
    expect(hit?.get('error')).toBe('access_denied');
    expect(hit?.get('state')).toBe('cancel-state');
    expect(hit?.has('code')).toBe(false);
    await page.close();
  }, 60_000);
});
