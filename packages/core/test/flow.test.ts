import { describe, expect, it } from 'vitest';
import {
  type FlowClient,
  type FlowDeps,
  formatKeyringSpec,
  generateKeySpec,
  importKeyring,
  type Keyring,
  parseKeyringSpec,
  refreshFlow,
  sealRefreshToken,
  swapFlow,
  TokenSwapError,
  type UpstreamInit,
  type UpstreamSend,
} from '../src/index.js';
import { expectError, expectValue } from './helpers.js';

// The upstream is faked here as what it is to the flow: a fetch-shaped function returning real
// `Response`s. The flows end to end against the real mock are the swap service's and handler's
// tests.

const APP: FlowClient = {
  clientId: 'app-1',
  clientSecret: 'secret-1',
  redirectUris: ['myapp://callback'],
};

async function keyring(...ids: string[]): Promise<Keyring> {
  const specs = expectValue(
    parseKeyringSpec(formatKeyringSpec(ids.map((id) => generateKeySpec({ id })))),
  );
  return expectValue(await importKeyring(specs));
}

/** A `send` answering `answers` in order and recording what it was sent. */
function upstream(
  ...answers: (() => Response)[]
): UpstreamSend & { calls: [string, UpstreamInit][] } {
  const calls: [string, UpstreamInit][] = [];
  const send = async (url: string, init: UpstreamInit) => {
    calls.push([url, init]);
    const next = answers[calls.length - 1];
    if (next === undefined) throw new Error('unexpected upstream call');
    return next();
  };
  return Object.assign(send, { calls });
}

const tokens =
  (extra: Record<string, unknown> = {}) =>
  () =>
    Response.json({
      access_token: 'at',
      token_type: 'Bearer',
      expires_in: 3600,
      scope: '',
      ...extra,
    });

function deps(ring: Keyring, send: UpstreamSend, clients = [APP]): FlowDeps {
  return { accountsUrl: 'https://accounts.test', clients, keyring: ring, send };
}

describe('swapFlow', () => {
  it('exchanges the code with the app’s credentials and seals the refresh token under the first key', async () => {
    const ring = await keyring('k1', 'k0');
    const send = upstream(tokens({ refresh_token: 'spotify-rt' }));
    const outcome = expectValue(await swapFlow({ code: 'c0de' }, deps(ring, send)));
    expect(outcome.body.refresh_token).toMatch(/^v1\.k1\./);
    const [url, init] = send.calls[0] as [string, UpstreamInit];
    expect(url).toBe('https://accounts.test/api/token');
    expect(init.headers.authorization).toBe(`Basic ${btoa('app-1:secret-1')}`);
    expect(new URLSearchParams(init.body).get('redirect_uri')).toBe('myapp://callback');
  });

  it('refuses a PKCE-only app’s swap without code_verifier before calling upstream', async () => {
    const send = upstream();
    const error = expectError(
      await swapFlow({ code: 'c' }, deps(await keyring('k1'), send, [{ ...APP, pkceOnly: true }])),
    );
    expect(error.toJSON()).toEqual({
      error: 'invalid_request',
      error_description: 'code_verifier is required for this client (PKCE)',
    });
    expect(send.calls).toHaveLength(0);
  });

  it('answers 502 when upstream gives no refresh_token, and lets a hook keep the token', async () => {
    const ring = await keyring('k1');
    const missing = expectError(await swapFlow({ code: 'c' }, deps(ring, upstream(tokens()))));
    expect([missing.status, missing.code]).toEqual([502, 'server_error']);
    const kept = expectValue(
      await swapFlow({ code: 'c' }, deps(ring, upstream(tokens({ refresh_token: 'rt' }))), {
        keepRefreshToken: async (token, client) => `handle-${client.clientId}-${token}`,
      }),
    );
    expect(kept.body.refresh_token).toBe('handle-app-1-rt');
  });

  it.each([
    ['a TimeoutError', () => new DOMException('late', 'TimeoutError'), 504],
    ['a network TypeError', () => new TypeError('fetch failed'), 502],
    [
      'a TokenSwapError',
      () => new TokenSwapError('temporarily_unavailable', 'x', { status: 503 }),
      503,
    ],
  ])('maps a send that throws %s to %i', async (_name, error, status) => {
    const send: UpstreamSend = async () => {
      throw error();
    };
    const failed = expectError(await swapFlow({ code: 'c' }, deps(await keyring('k1'), send)));
    expect([failed.status, failed.code]).toEqual([status, 'temporarily_unavailable']);
  });

  it('aborts a slow upstream after timeoutMs with 504', async () => {
    const send: UpstreamSend = (_url, init) =>
      new Promise((_resolve, reject) => {
        init.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      });
    const failed = expectError(
      await swapFlow({ code: 'c' }, { ...deps(await keyring('k1'), send), timeoutMs: 20 }),
    );
    expect(failed.status).toBe(504);
  });
});

describe('refreshFlow', () => {
  const k0 = generateKeySpec({ id: 'k0' });
  const k1 = generateKeySpec({ id: 'k1' });
  const ring = async (...specs: ReturnType<typeof generateKeySpec>[]) =>
    expectValue(await importKeyring(expectValue(parseKeyringSpec(formatKeyringSpec(specs)))));

  it('re-seals a token opened with an older key under the first, and names the key that opened it', async () => {
    const posted = await sealRefreshToken('rt', await ring(k0), { clientId: 'app-1' });
    const send = upstream(tokens());
    const outcome = expectValue(
      await refreshFlow({ refresh_token: posted }, deps(await ring(k1, k0), send)),
    );
    expect(outcome.keyId).toBe('k0');
    expect(outcome.resealed).toBe(true);
    expect(outcome.body.refresh_token).toMatch(/^v1\.k1\./);
    expect(new URLSearchParams(send.calls[0]?.[1].body).get('refresh_token')).toBe('rt');
  });

  it('answers no refresh_token for a token under the primary key that upstream did not rotate', async () => {
    const both = await ring(k1, k0);
    const posted = await sealRefreshToken('rt', both, { clientId: 'app-1' });
    const outcome = expectValue(
      await refreshFlow({ refresh_token: posted }, deps(both, upstream(tokens()))),
    );
    expect([outcome.keyId, outcome.resealed, outcome.body.refresh_token]).toEqual([
      'k1',
      false,
      undefined,
    ]);
  });

  it('seals a rotated token, and refuses a token sealed for another client id', async () => {
    const one = await ring(k1);
    const posted = await sealRefreshToken('rt', one, { clientId: 'app-1' });
    const rotated = expectValue(
      await refreshFlow(
        { refresh_token: posted },
        deps(one, upstream(tokens({ refresh_token: 'rt2' }))),
      ),
    );
    expect(rotated.body.refresh_token).toMatch(/^v1\.k1\./);
    const other = await sealRefreshToken('rt', one, { clientId: 'app-2' });
    const send = upstream();
    expect(
      expectError(await refreshFlow({ refresh_token: other }, deps(one, send))).toJSON(),
    ).toEqual({
      error: 'invalid_grant',
      error_description: 'Invalid refresh token',
    });
    expect(send.calls).toHaveLength(0);
  });

  it('opens unsealed tokens through the hook, re-seals them, and lets another kind answer by itself', async () => {
    const one = await ring(k1);
    const legacy = expectValue(
      await refreshFlow({ refresh_token: 'LEGACY==' }, deps(one, upstream(tokens())), {
        openUnsealed: (posted) =>
          posted === 'LEGACY==' ? { refreshToken: 'rt', format: 'old' } : undefined,
      }),
    );
    expect([legacy.legacyFormat, legacy.resealed]).toEqual(['old', true]);
    const refused = await refreshFlow({ refresh_token: 'OTHER==' }, deps(one, upstream()), {
      openUnsealed: () => undefined,
    });
    expect(expectError(refused).code).toBe('invalid_grant');
    const handled = expectValue(
      await refreshFlow({ refresh_token: 'h.123' }, deps(one, upstream()), {
        refreshOther: async () => ({
          access_token: 'a',
          token_type: 'Bearer',
          expires_in: 1,
          scope: '',
        }),
      }),
    );
    expect(handled.body.access_token).toBe('a');
  });
});

describe('selectClient through the flows (several apps)', () => {
  const OTHER: FlowClient = {
    clientId: 'app-2',
    clientSecret: 'secret-2',
    redirectUris: ['two://a', 'two://b'],
  };

  it('refuses a missing or unknown client_id and a redirect_uri outside the app’s list', async () => {
    const ring = await keyring('k1');
    const send = upstream();
    const both = deps(ring, send, [APP, OTHER]);
    const cases: [Record<string, string>, string][] = [
      [{ code: 'c' }, 'client_id is required when the service serves several apps'],
      [{ code: 'c', client_id: 'nope' }, 'client_id is not served by this service'],
      [
        { code: 'c', client_id: 'app-2', redirect_uri: 'one://x' },
        'redirect_uri is not allowed for this client',
      ],
    ];
    for (const [form, description] of cases) {
      expect(expectError(await swapFlow(form, both)).description).toBe(description);
    }
    expect(expectError(await refreshFlow({ refresh_token: 'x' }, both)).description).toBe(
      'client_id is required when the service serves several apps',
    );
    expect(send.calls).toHaveLength(0);
  });

  it('exchanges with the named app’s credentials and the redirect URI it names', async () => {
    const send = upstream(tokens({ refresh_token: 'rt' }));
    const outcome = expectValue(
      await swapFlow(
        { code: 'c', client_id: 'app-2', redirect_uri: 'two://b' },
        deps(await keyring('k1'), send, [APP, OTHER]),
      ),
    );
    expect(outcome.client.clientId).toBe('app-2');
    const [, init] = send.calls[0] as [string, UpstreamInit];
    expect(init.headers.authorization).toBe(`Basic ${btoa('app-2:secret-2')}`);
    expect(new URLSearchParams(init.body).get('redirect_uri')).toBe('two://b');
  });

  it('lets a hook’s programming error through (only TokenSwapErrors are answers)', async () => {
    const ring = await keyring('k1');
    const bug = async () => {
      throw new RangeError('bug');
    };
    await expect(
      swapFlow({ code: 'c' }, deps(ring, upstream(tokens({ refresh_token: 'rt' }))), {
        keepRefreshToken: bug,
      }),
    ).rejects.toThrow(RangeError);
    await expect(
      refreshFlow({ refresh_token: 'h.1' }, deps(ring, upstream()), { refreshOther: bug }),
    ).rejects.toThrow(RangeError);
  });
});
