import { send, waitUntil } from '@tokenswap/test-support';
import { request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MockAccounts } from '../src/index.js';
import { MockAccountsError } from '../src/index.js';
import { postToken, startMock } from './helpers.js';

let mock: MockAccounts;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

const clientCredentials = () => postToken(mock.url, { grant_type: 'client_credentials' });

describe('fault injection', () => {
  it('status: answers the given status, body and headers for the next N requests', async () => {
    mock.faults.inject(
      'token',
      { kind: 'status', status: 503, body: '{"error":"down"}', headers: { 'x-fault': 'yes' } },
      2,
    );
    expect(mock.faults.pending()).toBe(2);
    for (let i = 0; i < 2; i += 1) {
      const res = await clientCredentials();
      expect(res.status).toBe(503);
      expect(res.text).toBe('{"error":"down"}');
      expect(res.headers['x-fault']).toBe('yes');
    }
    expect(mock.faults.pending()).toBe(0);
    expect((await clientCredentials()).status).toBe(200);
  });

  it('rate-limit: 429 with Retry-After on the token endpoint', async () => {
    mock.faults.inject('token', { kind: 'rate-limit', retryAfter: 7 });
    const res = await clientCredentials();
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('7');
    expect(res.json).toEqual({
      error: 'temporarily_unavailable',
      error_description: 'Too many requests',
    });
  });

  it("rate-limit on /v1/me uses the Web API's body", async () => {
    mock.faults.inject('me', { kind: 'rate-limit', retryAfter: 1 });
    const res = await send(`${mock.url}/v1/me`);
    expect(res.status).toBe(429);
    expect(res.json).toEqual({
      error: { status: 429, message: 'Too many requests', reason: 'QUOTA_EXCEEDED' },
    });
  });

  it('delay: waits, then answers normally', async () => {
    mock.faults.inject('token', { kind: 'delay', ms: 300 });
    const started = performance.now();
    const res = await clientCredentials();
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('malformed-json: 200 with a JSON content type and a body that does not parse', async () => {
    mock.faults.inject('token', { kind: 'malformed-json' });
    const res = await clientCredentials();
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(() => JSON.parse(res.text)).toThrow();
  });

  it('reset: the connection is destroyed without an answer, and journaled with status 0', async () => {
    mock.faults.inject('token', { kind: 'reset' });
    await expect(
      request(`${mock.url}/api/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials',
      }),
    ).rejects.toThrow();
    expect(mock.journal.entries().at(-1)).toMatchObject({ path: '/api/token', status: 0 });
    expect((await clientCredentials()).status).toBe(200);
  });

  it('faults apply per endpoint, in order, and clear() drops them', async () => {
    mock.faults.inject('me', { kind: 'status', status: 500 });
    mock.faults.inject('token', { kind: 'status', status: 502 });
    mock.faults.inject('token', { kind: 'status', status: 504 });
    expect((await clientCredentials()).status).toBe(502);
    expect((await clientCredentials()).status).toBe(504);
    expect(mock.faults.pending()).toBe(1);
    mock.faults.clear();
    expect((await send(`${mock.url}/v1/me`)).status).toBe(401);
  });

  it('authorize faults answer before the page', async () => {
    mock.faults.inject('authorize', { kind: 'status', status: 500, body: 'boom' });
    const res = await send(`${mock.url}/authorize?client_id=x`);
    expect(res.status).toBe(500);
    expect(res.text).toBe('boom');
  });

  it('rejects malformed faults with MockAccountsError', () => {
    const bad = [
      () => mock.faults.inject('token', { kind: 'status', status: 99 }),
      () => mock.faults.inject('token', { kind: 'rate-limit', retryAfter: -1 }),
      () => mock.faults.inject('token', { kind: 'delay', ms: 10_000_000 }),
      () => mock.faults.inject('token', { kind: 'explode' } as never),
      () => mock.faults.inject('nowhere' as never, { kind: 'reset' }),
      () => mock.faults.inject('token', { kind: 'reset' }, 0),
    ];
    for (const attempt of bad) expect(attempt).toThrow(MockAccountsError);
    expect(mock.faults.pending()).toBe(0);
  });

  it('close() does not wait for a pending delay', async () => {
    const other = await startMock();
    other.faults.inject('token', { kind: 'delay', ms: 60_000 });
    const pending = postToken(other.url, { grant_type: 'client_credentials' }).catch(
      () => undefined,
    );
    await waitUntil(() => other.faults.pending() === 0, { what: 'the request to reach the delay' });
    const started = performance.now();
    await other.close();
    await pending;
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
