/**
 * End to end: the swap service started with ONLY the environment an old swap server had (plus
 * SPOTIFY_ACCOUNTS_URL pointing at the mock, and TOKEN_ENCRYPTION_KEYS, which tokenswap
 * requires), answering the apps of that old server. Real servers on 127.0.0.1: the mock
 * accounts service and the swap service; legacy tokens sealed the way the old servers sealed
 * them (Ruby's OpenSSL for encrypted_strings, the openssl CLI for createCipher).
 *
 * docs/migrating.md cites these tests by name: keep the names and the guide in step.
 */
import { DEMO_USERS, type MockAccounts, startMockAccounts } from '@tokenswap/mock-accounts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSwapService } from '../../src/index.js';
import { opensslCli, ruby } from './helpers/external-tools.js';
import {
  freshTokenEncryptionKeys,
  issueRefreshToken,
  type JsonAnswer,
  legacyRefreshCount,
  mockAcceptsAccessToken,
  postRawForm,
  postRefresh,
} from './helpers/migration-fixtures.js';
import { opensslCreateCipherHex } from './helpers/openssl-create-cipher.js';
import { rubyEncryptedStrings } from './helpers/ruby-encrypted-strings.js';

type SwapService = Awaited<ReturnType<typeof startSwapService>>;

// Each test starts real servers; generous on a loaded 2-core machine.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

/** One registered app per old server, each with the redirect URI its deployment used. */
const RUBY_SAMPLE = {
  id: 'ruby-sample-client',
  secret: 'ruby-sample-secret',
  redirectUri: 'spotify-ios-demo://callback',
  encryptionSecret: 'the-ruby-samples-ENCRYPTION_SECRET-constant',
};
const BIH = {
  id: 'bih-client',
  secret: 'bih-secret',
  redirectUri: 'bih-app://callback',
  encryptionSecret: 'bihs-heroku-ENCRYPTION_SECRET',
};
const RN_EXAMPLE = {
  id: 'rn-example-client',
  secret: 'rn-example-secret',
  redirectUri: 'rn-example://auth',
  encryptionSecret: 'rn-example-ENCRYPTION_SECRET',
};

/**
 * Each old server's own environment, by its own names. The Ruby sample had constants
 * (CLIENT_ID, CLIENT_SECRET, CLIENT_CALLBACK_URL, ENCRYPTION_SECRET): they become the new names.
 */
const LEGACY_ENV = {
  rubySample: (): Record<string, string> => ({
    SPOTIFY_CLIENT_ID: RUBY_SAMPLE.id,
    SPOTIFY_CLIENT_SECRET: RUBY_SAMPLE.secret,
    SPOTIFY_REDIRECT_URI: RUBY_SAMPLE.redirectUri,
    ENCRYPTION_SECRET: RUBY_SAMPLE.encryptionSecret,
  }),
  bih: (): Record<string, string> => ({
    SPOTIFY_CLIENT_ID: BIH.id,
    SPOTIFY_CLIENT_SECRET: BIH.secret,
    SPOTIFY_CLIENT_CALLBACK_URL: BIH.redirectUri,
    ENCRYPTION_SECRET: BIH.encryptionSecret,
  }),
  rnExample: (): Record<string, string> => ({
    SPOTIFY_CLIENT_ID: RN_EXAMPLE.id,
    SPOTIFY_CLIENT_SECRET: RN_EXAMPLE.secret,
    SPOTIFY_CLIENT_CALLBACK: RN_EXAMPLE.redirectUri,
    ENCRYPTION_SECRET: RN_EXAMPLE.encryptionSecret,
    ENCRYPTION_METHOD: 'aes-256-ctr',
    PORT: '0',
  }),
};

let mock: MockAccounts;
const services: SwapService[] = [];

/** Starts the service with a legacy environment + the mock's URL + a fresh sealing key. */
async function start(
  legacyEnv: Record<string, string>,
  accounts: MockAccounts = mock,
): Promise<SwapService> {
  const service = await startSwapService({
    env: {
      ...legacyEnv,
      SPOTIFY_ACCOUNTS_URL: accounts.url,
      TOKEN_ENCRYPTION_KEYS: freshTokenEncryptionKeys(),
    },
    // Tests bind 127.0.0.1 on a free port; PORT from a legacy env is still parsed and checked.
    host: '127.0.0.1',
    port: 0,
    logger: false,
  });
  services.push(service);
  return service;
}

beforeAll(async () => {
  mock = await startMockAccounts({
    clients: [RUBY_SAMPLE, BIH, RN_EXAMPLE].map(({ id, secret, redirectUri }) => ({
      id,
      secret,
      name: id,
      redirectUris: [redirectUri],
    })),
    users: DEMO_USERS,
    rotation: 'off',
  });
}, 30_000);

afterAll(async () => {
  await Promise.all(services.map((service) => service.close()));
  await mock?.close();
});

/**
 * The answer every migrated app gets: a fresh access token and a sealed handle, as JSON that no
 * cache keeps (the Ruby sample answered text/html; none of the old servers sent no-store).
 */
function expectSealedTokenAnswer(answer: JsonAnswer) {
  expect(answer.status).toBe(200);
  expect(answer.headers['content-type']).toMatch(/^application\/json/);
  expect(answer.headers['cache-control']).toBe('no-store');
  expect(answer.body).toMatchObject({
    access_token: expect.any(String),
    token_type: 'Bearer',
    expires_in: 3600,
  });
  expect(answer.body.refresh_token).toEqual(expect.stringMatching(/^v1\./));
}

/** The app's swap, unchanged: `code=…` to the same path. */
async function swapAt(url: string, client: { id: string; redirectUri: string }) {
  const code = mock.mintCode({ clientId: client.id, redirectUri: client.redirectUri });
  return postRawForm(url, new URLSearchParams({ code }).toString());
}

/** What every refresh token that does not open gets, legacy or not. */
function expectInvalidRefreshToken(answer: JsonAnswer) {
  expect(answer.status).toBe(400);
  expect(answer.headers['content-type']).toMatch(/^application\/json/);
  expect(answer.body).toEqual({
    error: 'invalid_grant',
    error_description: 'Invalid refresh token',
  });
}

describe(`migrating from Spotify's Ruby sample (spotify_token_swap.rb)${ruby.skipNote}`, () => {
  it('its settings as env: the swap at /swap answers access_token, expires_in and a v1. refresh_token', async () => {
    const service = await start(LEGACY_ENV.rubySample());
    const answer = await swapAt(`${service.url}/swap`, RUBY_SAMPLE);
    expectSealedTokenAnswer(answer);
    expect(await mockAcceptsAccessToken(mock, String(answer.body.access_token))).toBe(true);
  });

  it.skipIf(ruby.skip)(
    'a gem-sealed refresh token refreshes at /refresh, comes back sealed as v1., and the v1. token refreshes again; the legacy counter goes up once',
    async () => {
      const service = await start(LEGACY_ENV.rubySample());
      const real = await issueRefreshToken(mock, RUBY_SAMPLE);
      const [legacy = ''] = rubyEncryptedStrings([
        { plaintext: real, secret: RUBY_SAMPLE.encryptionSecret },
      ]);
      expect(legacy).toMatch(/\n$/); // as the app holds it: the gem's Base64 with newlines

      expect(await legacyRefreshCount(service.url, 'encrypted-strings')).toBe(0);
      const first = await postRefresh(`${service.url}/refresh`, legacy);
      expectSealedTokenAnswer(first);
      expect(await mockAcceptsAccessToken(mock, String(first.body.access_token))).toBe(true);

      const second = await postRefresh(`${service.url}/refresh`, String(first.body.refresh_token));
      expect(second.status).toBe(200);
      expect(await mockAcceptsAccessToken(mock, String(second.body.access_token))).toBe(true);
      expect(await legacyRefreshCount(service.url, 'encrypted-strings')).toBe(1);
    },
    60_000,
  );

  it.skipIf(ruby.skip)(
    'a legacy token sealed under another secret gets 400 invalid_grant as JSON (the sample answered 500), and is not counted',
    async () => {
      const service = await start(LEGACY_ENV.rubySample());
      const real = await issueRefreshToken(mock, RUBY_SAMPLE);
      const [foreign = ''] = rubyEncryptedStrings([{ plaintext: real, secret: 'another-secret' }]);
      expectInvalidRefreshToken(await postRefresh(`${service.url}/refresh`, foreign));
      expect(await legacyRefreshCount(service.url, 'encrypted-strings')).toBe(0);
    },
    60_000,
  );
});

describe(`migrating from bih/spotify-token-swap-service${ruby.skipNote}`, () => {
  it('its env as is: the swap at /api/token answers access_token, expires_in and a v1. refresh_token', async () => {
    const service = await start(LEGACY_ENV.bih());
    const answer = await swapAt(`${service.url}/api/token`, BIH);
    expectSealedTokenAnswer(answer);
    expect(await mockAcceptsAccessToken(mock, String(answer.body.access_token))).toBe(true);
  });

  it.skipIf(ruby.skip)(
    'a form post to /api/refresh_token with literal \\n pairs refreshes, comes back sealed as v1., and the v1. token refreshes again; the legacy counter goes up once',
    async () => {
      const service = await start(LEGACY_ENV.bih());
      const real = await issueRefreshToken(mock, BIH);
      const [legacy = ''] = rubyEncryptedStrings([
        { plaintext: real, secret: BIH.encryptionSecret },
      ]);
      // bih's clients post the token with its newlines written as the two characters \ and n.
      const withLiteralNewlines = legacy.replaceAll('\n', '\\n');
      expect(withLiteralNewlines).toContain('\\n');

      const first = await postRawForm(
        `${service.url}/api/refresh_token`,
        `refresh_token=${encodeURIComponent(withLiteralNewlines)}`,
      );
      expectSealedTokenAnswer(first);
      expect(await mockAcceptsAccessToken(mock, String(first.body.access_token))).toBe(true);

      const second = await postRefresh(
        `${service.url}/api/refresh_token`,
        String(first.body.refresh_token),
      );
      expect(second.status).toBe(200);
      expect(await mockAcceptsAccessToken(mock, String(second.body.access_token))).toBe(true);
      expect(await legacyRefreshCount(service.url, 'encrypted-strings')).toBe(1);
    },
    60_000,
  );

  it.skipIf(ruby.skip)(
    'a legacy token posted without URL-encoding ("+" read as space) still opens at /api/refresh_token',
    async () => {
      const service = await start(LEGACY_ENV.bih());
      // Several tokens, so that at least one carries a '+' (all '+'-free: ≈ 1e-10).
      const reals = await Promise.all([1, 2, 3, 4, 5, 6].map(() => issueRefreshToken(mock, BIH)));
      const sealed = rubyEncryptedStrings(
        reals.map((plaintext) => ({ plaintext, secret: BIH.encryptionSecret })),
      );
      const withPlus = sealed.find((token) => token.includes('+')) ?? '';
      expect(withPlus).toContain('+');
      const unencoded = `refresh_token=${withPlus.replaceAll('\n', '\\n')}`;
      expectSealedTokenAnswer(await postRawForm(`${service.url}/api/refresh_token`, unencoded));
    },
    60_000,
  );

  it('without ENCRYPTION_SECRET (bih then handed out Spotify’s token in clear), such a raw token is refused with 400 invalid_grant', async () => {
    const { ENCRYPTION_SECRET: _unset, ...withoutSecret } = LEGACY_ENV.bih();
    const service = await start(withoutSecret);
    const raw = await issueRefreshToken(mock, BIH);
    expectInvalidRefreshToken(await postRefresh(`${service.url}/api/refresh_token`, raw));
  });
});

describe(`migrating from the React Native example server (example-server/index.js)${opensslCli.skipNote}`, () => {
  it('its env as is: the swap at /swap answers access_token, expires_in and a v1. refresh_token', async () => {
    const service = await start(LEGACY_ENV.rnExample());
    expectSealedTokenAnswer(await swapAt(`${service.url}/swap`, RN_EXAMPLE));
  });

  it.skipIf(opensslCli.skip)(
    'a createCipher hex refresh token refreshes at /refresh, comes back sealed as v1., and the v1. token refreshes again; the legacy counter goes up once',
    async () => {
      const service = await start(LEGACY_ENV.rnExample());
      const real = await issueRefreshToken(mock, RN_EXAMPLE);
      const legacy = opensslCreateCipherHex(real, RN_EXAMPLE.encryptionSecret, 'aes-256-ctr');

      const first = await postRefresh(`${service.url}/refresh`, legacy);
      expectSealedTokenAnswer(first);
      expect(await mockAcceptsAccessToken(mock, String(first.body.access_token))).toBe(true);

      const second = await postRefresh(`${service.url}/refresh`, String(first.body.refresh_token));
      expect(second.status).toBe(200);
      expect(await mockAcceptsAccessToken(mock, String(second.body.access_token))).toBe(true);
      expect(await legacyRefreshCount(service.url, 'create-cipher')).toBe(1);
    },
    60_000,
  );

  it.skipIf(opensslCli.skip)(
    'an app that ignores the new refresh_token and posts the legacy token again still refreshes, and is counted again',
    async () => {
      const service = await start(LEGACY_ENV.rnExample());
      const real = await issueRefreshToken(mock, RN_EXAMPLE);
      const legacy = opensslCreateCipherHex(real, RN_EXAMPLE.encryptionSecret, 'aes-256-ctr');
      expectSealedTokenAnswer(await postRefresh(`${service.url}/refresh`, legacy));
      expectSealedTokenAnswer(await postRefresh(`${service.url}/refresh`, legacy));
      expect(await legacyRefreshCount(service.url, 'create-cipher')).toBe(2);
    },
    60_000,
  );

  it('a missing refresh_token is 400 invalid_request naming the field (was {"error":"Refresh token is missing from body"})', async () => {
    const service = await start(LEGACY_ENV.rnExample());
    const answer = await postRawForm(`${service.url}/refresh`, '');
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      error: 'invalid_request',
      error_description: expect.stringContaining('refresh_token'),
    });
  });
});

describe(`rotated refresh tokens are sealed, not leaked${ruby.skipNote}`, () => {
  let rotating: MockAccounts;
  beforeAll(async () => {
    rotating = await startMockAccounts({
      clients: [{ id: BIH.id, secret: BIH.secret, name: BIH.id, redirectUris: [BIH.redirectUri] }],
      rotation: 'always',
    });
  }, 30_000);
  afterAll(async () => rotating?.close());

  it.skipIf(ruby.skip)(
    'when the accounts service rotates, the answer carries a v1. handle, never the new upstream token',
    async () => {
      const service = await start(LEGACY_ENV.bih(), rotating);
      const real = await issueRefreshToken(rotating, BIH);
      const [legacy = ''] = rubyEncryptedStrings([
        { plaintext: real, secret: BIH.encryptionSecret },
      ]);
      const answer = await postRefresh(`${service.url}/api/refresh_token`, legacy);
      expectSealedTokenAnswer(answer);
      expect(rotating.isIssuedRefreshToken(String(answer.body.refresh_token))).toBe(false);
      expect(JSON.stringify(answer.body)).not.toContain(real);
      // And the handle works: the next refresh opens the rotated token inside it.
      expectSealedTokenAnswer(
        await postRefresh(`${service.url}/api/refresh_token`, String(answer.body.refresh_token)),
      );
    },
    60_000,
  );
});

describe(`removing the old secret${opensslCli.skipNote}`, () => {
  it.skipIf(opensslCli.skip)(
    'after ENCRYPTION_SECRET is removed, a legacy token gets 400 invalid_grant while v1. tokens keep working',
    async () => {
      const keys = freshTokenEncryptionKeys();
      const before = await startSwapService({
        env: {
          ...LEGACY_ENV.rnExample(),
          SPOTIFY_ACCOUNTS_URL: mock.url,
          TOKEN_ENCRYPTION_KEYS: keys,
        },
        host: '127.0.0.1',
        logger: false,
      });
      services.push(before);
      const real = await issueRefreshToken(mock, RN_EXAMPLE);
      const legacy = opensslCreateCipherHex(real, RN_EXAMPLE.encryptionSecret, 'aes-256-ctr');
      const migrated = await postRefresh(`${before.url}/refresh`, legacy);
      expectSealedTokenAnswer(migrated);

      const {
        ENCRYPTION_SECRET: _removed,
        ENCRYPTION_METHOD: _also,
        ...rest
      } = LEGACY_ENV.rnExample();
      const after = await startSwapService({
        env: { ...rest, SPOTIFY_ACCOUNTS_URL: mock.url, TOKEN_ENCRYPTION_KEYS: keys },
        host: '127.0.0.1',
        logger: false,
      });
      services.push(after);
      expectInvalidRefreshToken(await postRefresh(`${after.url}/refresh`, legacy));
      expect(
        (await postRefresh(`${after.url}/refresh`, String(migrated.body.refresh_token))).status,
      ).toBe(200);
    },
    60_000,
  );
});

describe('configuration at start-up', () => {
  it('fails naming both variables when a redirect URI alias disagrees with SPOTIFY_REDIRECT_URI', async () => {
    await expect(
      start({ ...LEGACY_ENV.bih(), SPOTIFY_REDIRECT_URI: 'bih-app://other' }),
    ).rejects.toThrow(/SPOTIFY_REDIRECT_URI[\s\S]*SPOTIFY_CLIENT_CALLBACK_URL/);
  });

  it('fails naming both legacy names when SPOTIFY_CLIENT_CALLBACK_URL and SPOTIFY_CLIENT_CALLBACK disagree', async () => {
    await expect(
      start({ ...LEGACY_ENV.rnExample(), SPOTIFY_CLIENT_CALLBACK_URL: 'rn-example://other' }),
    ).rejects.toThrow(/SPOTIFY_CLIENT_CALLBACK_URL[\s\S]*SPOTIFY_CLIENT_CALLBACK\b/);
  });

  it('fails without TOKEN_ENCRYPTION_KEYS: the legacy environment alone is not enough', async () => {
    const service = startSwapService({
      env: { ...LEGACY_ENV.bih(), SPOTIFY_ACCOUNTS_URL: mock.url },
      host: '127.0.0.1',
      logger: false,
    });
    await expect(service).rejects.toThrow(/TOKEN_ENCRYPTION_KEYS/);
  });
});
