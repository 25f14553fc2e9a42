import { send } from '@tokenswap/test-support';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MockAccounts } from '../src/index.js';
import { exchange, postToken, startMock } from './helpers.js';

let mock: MockAccounts;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

async function accessToken(scopes: string[], userId?: string): Promise<string> {
  const res = await exchange(mock.url, mock.mintCode({ scopes, ...(userId ? { userId } : {}) }));
  return (res.json as { access_token: string }).access_token;
}

const me = (authorization?: string) =>
  send(`${mock.url}/v1/me`, authorization === undefined ? {} : { headers: { authorization } });

describe('GET /v1/me', () => {
  it('returns the full profile with user-read-email and user-read-private', async () => {
    const token = await accessToken(['user-read-email', 'user-read-private'], 'demo-bob');
    const res = await me(`Bearer ${token}`);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      country: 'US',
      display_name: 'Bob Demo',
      email: 'bob@example.com',
      explicit_content: { filter_enabled: false, filter_locked: false },
      external_urls: { spotify: 'https://open.spotify.com/user/demo-bob' },
      followers: { href: null, total: 0 },
      href: 'https://api.spotify.com/v1/users/demo-bob',
      id: 'demo-bob',
      images: [],
      product: 'free',
      type: 'user',
      uri: 'spotify:user:demo-bob',
    });
  });

  it('leaves out email without user-read-email and country/product without user-read-private', async () => {
    const res = await me(`Bearer ${await accessToken([])}`);
    const body = res.json as Record<string, unknown>;
    expect(body.id).toBe('demo-alice');
    expect(body).not.toHaveProperty('email');
    expect(body).not.toHaveProperty('country');
    expect(body).not.toHaveProperty('product');
    const emailOnly = (await me(`Bearer ${await accessToken(['user-read-email'])}`)).json;
    expect(emailOnly).toHaveProperty('email', 'alice@example.com');
    expect(emailOnly).not.toHaveProperty('product');
  });

  it('answers 401 "The access token expired" after 3600 s of mock time', async () => {
    const token = await accessToken([]);
    mock.clock.advance(3599);
    expect((await me(`Bearer ${token}`)).status).toBe(200);
    mock.clock.advance(1);
    const res = await me(`Bearer ${token}`);
    expect(res.status).toBe(401);
    expect(res.json).toEqual({ error: { status: 401, message: 'The access token expired' } });
  });

  it('answers 401 "Invalid access token" for an unknown token', async () => {
    const res = await me('Bearer BQnot-a-token');
    expect(res.status).toBe(401);
    expect(res.json).toEqual({ error: { status: 401, message: 'Invalid access token' } });
  });

  it('answers 401 "No token provided" without Authorization', async () => {
    const res = await me();
    expect(res.status).toBe(401);
    expect(res.json).toEqual({ error: { status: 401, message: 'No token provided' } });
  });

  it('answers 400 "Only valid bearer authentication supported" for malformed Authorization', async () => {
    for (const header of ['Basic abc', 'Bearer', 'Bearer a b', 'token', 'Bearer \u00e9']) {
      const res = await me(header).catch(() => undefined);
      if (!res) continue; // undici refuses some header bytes itself
      expect(res.status, header).toBe(400);
      expect(res.json).toEqual({
        error: { status: 400, message: 'Only valid bearer authentication supported' },
      });
    }
  });

  it('answers 403 for an app token (client credentials has no user)', async () => {
    const res = await postToken(mock.url, { grant_type: 'client_credentials' });
    const token = (res.json as { access_token: string }).access_token;
    const answer = await me(`Bearer ${token}`);
    expect(answer.status).toBe(403);
    expect(answer.json).toEqual({
      error: { status: 403, message: 'This request requires user authentication.' },
    });
  });

  it('accepts a refreshed access token', async () => {
    const tokens = (await exchange(mock.url, mock.mintCode())).json as { refresh_token: string };
    const refreshed = await postToken(mock.url, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
    });
    const token = (refreshed.json as { access_token: string }).access_token;
    expect((await me(`Bearer ${token}`)).status).toBe(200);
  });
});
