import { fileURLToPath } from 'node:url';
import { defineConformanceSuite } from '../src/vitest.js';
import { fixtureOptions } from './helpers/fixtures.js';

// The vitest helper turns cases into tests: run a few against the correct fixture. (Were the
// helper or a case broken, these tests would fail.)
defineConformanceSuite({
  ...fixtureOptions('correct', { only: ['SWAP-001', 'REFRESH', 'ERR-003', 'SEC-005'] }),
  name: 'defineConformanceSuite against the correct fixture',
});

// A case that cannot run is skipped, not passed: no second deployment without a per-instance secret.
defineConformanceSuite({
  ...fixtureOptions('correct', { only: ['SEC-005'] }),
  spawn: {
    command: fixtureOptions('correct').spawn?.command ?? '',
    env: { ...fixtureOptions('correct').spawn?.env, GOOD_SEAL_SECRET: 'shared' },
  },
  name: 'defineConformanceSuite skips what cannot run',
});

// With `impersonate`, IMP-001 is a test of its own, first: an unmodified server that hard-codes
// https://accounts.spotify.com (undici's EnvHttpProxyAgent) reaches the mock through the proxy.
defineConformanceSuite({
  swapUrl: 'http://127.0.0.1:{port}/swap',
  refreshUrl: 'http://127.0.0.1:{port}/refresh',
  spawn: {
    command: `${JSON.stringify(process.execPath)} ${JSON.stringify(
      fileURLToPath(new URL('./impersonate/fixtures/node-undici-server.mjs', import.meta.url)),
    )}`,
    env: {
      SPOTIFY_CLIENT_ID: '{client_id}',
      SPOTIFY_CLIENT_SECRET: '{client_secret}',
      SPOTIFY_CLIENT_CALLBACK: '{redirect_uri}',
      PORT: '{port}',
    },
  },
  impersonate: true,
  only: ['IMP-001', 'SWAP-001', 'REFRESH-001'],
  name: 'defineConformanceSuite with impersonate',
});
