import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CASES, runConformance } from '../src/index.js';
import { FAST } from './helpers/fixtures.js';

// Our own swap service in reference mode (issue 11: TOKEN_MODE=reference, an in-memory store,
// POST /revoke), spawned from its built server: declared --token-mode reference with its revoke
// URL, every case passes, REF-001 and REF-002 included, nothing is skipped.
const SERVER = fileURLToPath(new URL('../../../apps/swap-service/dist/server.js', import.meta.url));

describe('@tokenswap/swap-service in reference mode', () => {
  it('passes every MUST and SHOULD case, REF-001 and REF-002 included', async () => {
    const report = await runConformance({
      swapUrl: 'http://127.0.0.1:{port}/swap',
      refreshUrl: 'http://127.0.0.1:{port}/refresh',
      revokeUrl: 'http://127.0.0.1:{port}/revoke',
      tokenMode: 'reference',
      spawn: {
        command: `node ${JSON.stringify(SERVER)}`,
        env: {
          SPOTIFY_CLIENT_ID: '{client_id}',
          SPOTIFY_CLIENT_SECRET: '{client_secret}',
          SPOTIFY_REDIRECT_URI: '{redirect_uri}',
          SPOTIFY_ACCOUNTS_URL: '{accounts_url}',
          TOKEN_MODE: 'reference',
          // Each instance its own store (and key): the second instance is a separate deployment.
          TOKEN_STORE: 'memory:',
          TOKEN_STORE_ALLOW_MEMORY: 'true',
          TOKEN_ENCRYPTION_KEYS: 'k1:{random_key}',
          UPSTREAM_TIMEOUT_MS: '1000',
          PORT: '{port}',
          HOST: '127.0.0.1',
        },
      },
      ...FAST,
    });
    const notPassed = report.results
      .filter((r) => r.status !== 'passed')
      .map((r) => `${r.id}: ${r.message}`);
    expect(notPassed).toEqual([]);
    expect(report.results).toHaveLength(CASES.length);
    expect(report.ok).toBe(true);
  });
});
