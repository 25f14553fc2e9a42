import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CASES, runConformance } from '../src/index.js';
import { FAST } from './helpers/fixtures.js';

// Our own swap service, spawned from its built server the way a user would run it, configured
// entirely through placeholders: every MUST and SHOULD case passes; in its default (sealed) mode
// the reference-mode cases are skipped as declared.
const SERVER = fileURLToPath(new URL('../../../apps/swap-service/dist/server.js', import.meta.url));

describe('@tokenswap/swap-service', () => {
  it('passes every MUST and SHOULD case', async () => {
    const report = await runConformance({
      swapUrl: 'http://127.0.0.1:{port}/swap',
      refreshUrl: 'http://127.0.0.1:{port}/refresh',
      spawn: {
        command: `node ${JSON.stringify(SERVER)}`,
        env: {
          SPOTIFY_CLIENT_ID: '{client_id}',
          SPOTIFY_CLIENT_SECRET: '{client_secret}',
          SPOTIFY_REDIRECT_URI: '{redirect_uri}',
          SPOTIFY_ACCOUNTS_URL: '{accounts_url}',
          // A key of its own per instance: the second instance is a separate deployment.
          TOKEN_ENCRYPTION_KEYS: 'k1:{random_key}',
          UPSTREAM_TIMEOUT_MS: '1000',
          PORT: '{port}',
          HOST: '127.0.0.1',
        },
      },
      tokenMode: 'sealed',
      ...FAST,
    });
    const notPassed = report.results
      .filter((r) => r.status !== 'passed')
      .map((r) => `${r.id}: ${r.message}`);
    const sealed = 'declared --token-mode sealed: a stateless server cannot keep a rotated token';
    expect(notPassed).toEqual([`REF-001: ${sealed}`, `REF-002: ${sealed}`]);
    expect(report.results).toHaveLength(CASES.length);
    expect(report.ok).toBe(true);
  });
});
