import { Script } from 'node:vm';
import { DEMO_CLIENT, type MockAccounts, startMockAccounts } from '@tokenswap/mock-accounts';
import { post, send } from '@tokenswap/test-support';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PLAYGROUND_ROUTES,
  type PlaygroundFaultName,
  playgroundFaults,
  playgroundPlugin,
  playgroundRedirectUri,
} from '../../src/playground/index.js';
import { PLAYGROUND_CSP } from '../../src/playground/page.js';
import { injectableApp } from '../helpers/app.js';
import { type PlaygroundStack, startPlaygroundStack } from './helpers.js';

/** The service's app with the playground registered against `mockUrl`, for `app.inject`. */
async function appWithPlayground(
  mockUrl: string,
  extra: Partial<Parameters<typeof playgroundPlugin>[1]> = {},
): Promise<FastifyInstance> {
  const app = await injectableApp();
  await app.register(playgroundPlugin, {
    mockUrl,
    clientId: DEMO_CLIENT.id,
    swapPath: '/swap',
    refreshPath: '/refresh',
    ...extra,
  });
  return app;
}

describe('playgroundRedirectUri', () => {
  it('is the origin with a trailing slash, whatever path the base carries', () => {
    expect(playgroundRedirectUri('http://127.0.0.1:3000')).toBe('http://127.0.0.1:3000/');
    expect(playgroundRedirectUri('http://127.0.0.1:3000/swap?x=1')).toBe('http://127.0.0.1:3000/');
  });
});

describe('the page, script and stylesheet', () => {
  let mock: MockAccounts;
  let app: FastifyInstance;
  beforeAll(async () => {
    mock = await startMockAccounts();
    app = await appWithPlayground(mock.url, { clientId: 'demo"<client>' });
  });
  afterAll(async () => {
    await app.close();
    await mock.close();
  });

  it('GET / is HTML under a strict CSP, every configured value escaped', async () => {
    const res = await app.inject({ url: '/', headers: { host: '127.0.0.1:4321' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toBe(PLAYGROUND_CSP);
    expect(PLAYGROUND_CSP).toContain("script-src 'self'");
    expect(PLAYGROUND_CSP).not.toContain('unsafe-inline');
    expect(res.body).toContain('data-client-id="demo&quot;&lt;client&gt;"');
    expect(res.body).not.toContain('demo"<client>');
    // Without a configured redirect URI the page uses its own origin.
    expect(res.body).toContain('data-redirect-uri="http://127.0.0.1:4321/"');
    expect(res.body).toContain(`data-mock-url="${mock.url}"`);
    expect(res.body).toContain('<script src="/playground.js" defer></script>');
    // No inline script or style, nothing from another origin.
    expect(res.body).not.toMatch(/<script>|<style|style="|https?:\/\/(?!127\.0\.0\.1)/);
  });

  it('a configured redirect URI wins over the request origin', async () => {
    const fixed = await appWithPlayground(mock.url, { redirectUri: 'http://127.0.0.1:9999/' });
    const res = await fixed.inject({ url: '/', headers: { host: 'localhost:1' } });
    expect(res.body).toContain('data-redirect-uri="http://127.0.0.1:9999/"');
    await fixed.close();
  });

  it('serves the script as JavaScript that parses, and the stylesheet as CSS', async () => {
    const script = await app.inject({ url: PLAYGROUND_ROUTES.script });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(() => new Script(script.body)).not.toThrow();
    expect(script.body).not.toMatch(/innerHTML|eval\(|new Function/);
    const css = await app.inject({ url: PLAYGROUND_ROUTES.styles });
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.body).toContain('#status');
  });

  it('forwards /__playground/me to the mock, status and error body as the mock sent them', async () => {
    const none = await app.inject({ url: PLAYGROUND_ROUTES.me });
    expect(none.statusCode).toBe(401);
    expect(none.json()).toEqual({ error: { status: 401, message: 'No token provided' } });
    const unknown = await app.inject({
      url: PLAYGROUND_ROUTES.me,
      headers: { authorization: 'Bearer not-a-token' },
    });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json()).toEqual({ error: { status: 401, message: 'Invalid access token' } });
  });

  it('moves the mock clock forward through /__playground/clock', async () => {
    const before = mock.clock.now();
    const res = await app.inject({
      method: 'POST',
      url: PLAYGROUND_ROUTES.clock,
      payload: { advance: 3601 },
    });
    expect(res.statusCode).toBe(200);
    expect(mock.clock.now() - before).toBeGreaterThanOrEqual(3_601_000);
    // The mock's clock runs at real speed: its answer lies between the two readings.
    const { now } = res.json() as { now: number };
    expect(now).toBeGreaterThanOrEqual(before + 3_601_000);
    expect(now).toBeLessThanOrEqual(mock.clock.now());
  });

  it.each([
    ['no advance', {}],
    ['a negative advance', { advance: -5 }],
    ['a fractional advance', { advance: 1.5 }],
    ['more than a year', { advance: 400 * 24 * 3600 }],
  ])('refuses %s with a JSON 400', async (_name, payload) => {
    const res = await app.inject({ method: 'POST', url: PLAYGROUND_ROUTES.clock, payload });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('refuses an unknown fault and a non-JSON body with a JSON 4xx, never a 500', async () => {
    const unknown = await app.inject({
      method: 'POST',
      url: PLAYGROUND_ROUTES.faults,
      payload: { fault: 'reset' },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ error: 'invalid_request' });
    const junk = await app.inject({
      method: 'POST',
      url: PLAYGROUND_ROUTES.faults,
      headers: { 'content-type': 'application/json' },
      payload: '{"fault":',
    });
    expect(junk.statusCode).toBe(400);
    expect(junk.json()).toEqual({
      error: 'invalid_request',
      error_description: 'request body is not valid JSON',
    });
    expect(mock.faults.pending()).toBe(0);
  });

  it('answers 502 temporarily_unavailable as JSON when the mock is not there', async () => {
    const orphan = await appWithPlayground('http://127.0.0.1:9');
    const res = await orphan.inject({ url: PLAYGROUND_ROUTES.me });
    expect(res.statusCode).toBe(502);
    expect(res.json()).toEqual({
      error: 'temporarily_unavailable',
      error_description: 'the mock accounts service did not answer',
    });
    await orphan.close();
  });
});

describe('each offered fault is mapped by the real service as the page says', () => {
  // A short upstream timeout keeps the slow fault (timeout + 2 s) quick.
  const UPSTREAM_TIMEOUT_MS = 1_000;
  let stack: PlaygroundStack;
  let sealed: string;
  beforeAll(async () => {
    stack = await startPlaygroundStack({ UPSTREAM_TIMEOUT_MS: String(UPSTREAM_TIMEOUT_MS) });
    const code = stack.mock.mintCode({ scopes: ['user-read-email'] });
    const swapped = await post(`${stack.url}/swap`, { code });
    expect(swapped.status).toBe(200);
    sealed = swapped.json.refresh_token;
  });
  afterAll(async () => {
    await stack.close();
  });

  const faults = playgroundFaults(UPSTREAM_TIMEOUT_MS);
  it.each(Object.keys(faults) as PlaygroundFaultName[])('%s', async (name) => {
    const injected = await send(`${stack.url}${PLAYGROUND_ROUTES.faults}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fault: name }),
    });
    expect(injected.status).toBe(201);
    expect(injected.json).toEqual({
      fault: name,
      endpoint: 'token',
      upstream: faults[name].upstream,
      expected: faults[name].expected,
    });
    expect(stack.mock.faults.pending()).toBe(1);

    const refreshed = await post(`${stack.url}/refresh`, { refresh_token: sealed });
    const retryAfter = refreshed.headers['retry-after'];
    const got = `${refreshed.status} ${refreshed.json?.error}${retryAfter ? ` with Retry-After: ${retryAfter}` : ''}`;
    expect(got).toBe(faults[name].expected);
    expect(stack.mock.faults.pending()).toBe(0);
    // The fault was one-off: the same sealed token refreshes again.
    expect((await post(`${stack.url}/refresh`, { refresh_token: sealed })).status).toBe(200);
  });
});
