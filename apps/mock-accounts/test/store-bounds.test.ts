import { describe, expect, it } from 'vitest';
import { buildMockApp, exchangeToken } from '../src/index.js';
import { BASIC, REDIRECT_URI, T0 } from './helpers.js';

describe('bounded state', () => {
  it('100k refresh requests keep every store at or under its cap', () => {
    const { app, state } = buildMockApp({
      startTime: T0,
      freezeClock: true,
      rotation: 'always',
      maxStoreEntries: 5_000,
      maxJournalEntries: 1_000,
    });
    const code = state.mintCode();
    const first = exchangeToken(state, {
      params: { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI },
      authorization: BASIC,
    });
    let token = (first.body as { refresh_token: string }).refresh_token;
    for (let i = 0; i < 100_000; i += 1) {
      const outcome = exchangeToken(state, {
        params: { grant_type: 'refresh_token', refresh_token: token },
        authorization: BASIC,
      });
      if (outcome.status !== 200) throw new Error(`refresh ${i} failed: ${outcome.status}`);
      token = (outcome.body as { refresh_token: string }).refresh_token;
      if (i % 1000 === 0) state.journal.record({ ...journalSample, time: i });
    }
    const stats = state.stats();
    expect(stats.accessTokens).toBe(5_000);
    expect(stats.refreshTokens).toBe(5_000);
    expect(stats.journal).toBeLessThanOrEqual(1_000);
    // The newest token survived eviction (oldest-first).
    expect(state.isIssuedRefreshToken(token)).toBe(true);
    void app.close();
  }, 30_000);

  it('expired entries are purged when the clock moves', () => {
    const { app, state } = buildMockApp({ startTime: T0, freezeClock: true, rotation: 'off' });
    for (let i = 0; i < 200; i += 1) state.mintCode();
    const code = state.mintCode();
    exchangeToken(state, {
      params: { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI },
      authorization: BASIC,
    });
    expect(state.stats()).toMatchObject({ codes: 200, accessTokens: 1, refreshTokens: 1 });
    // Codes live 10 min and are kept 10 more to answer "expired"; then they go.
    state.clock.advance(1200);
    expect(state.stats().codes).toBe(0);
    // Access tokens live 1 h and are kept 1 h more to answer "expired".
    state.clock.advance(7200);
    expect(state.stats().accessTokens).toBe(0);
    state.clock.advance(15_552_000 + 86_400);
    expect(state.stats().refreshTokens).toBe(0);
    void app.close();
  });

  it('the HTTP path evicts too (app.inject)', async () => {
    const { app, state } = buildMockApp({ startTime: T0, freezeClock: true, maxStoreEntries: 50 });
    for (let i = 0; i < 200; i += 1) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/token',
        headers: { authorization: BASIC, 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'grant_type=client_credentials',
      });
      expect(res.statusCode).toBe(200);
    }
    expect(state.stats().accessTokens).toBe(50);
    await app.close();
  });
});

const journalSample = {
  method: 'POST',
  path: '/api/token',
  clientAuth: 'basic' as const,
  hasCode: false,
  hasCodeVerifier: false,
  status: 200,
  paramsIn: 'body' as const,
};
