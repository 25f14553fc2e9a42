import { describe, expect, it } from 'vitest';
import { CASES, runConformance } from '../src/index.js';
import { FAST, swapServiceSpawn } from './helpers/fixtures.js';

// Our own swap service in reference mode (issue 11: TOKEN_MODE=reference, an in-memory store,
// POST /revoke), spawned from its built server: declared --token-mode reference with its revoke
// URL, every case passes, REF-001 and REF-002 included, nothing is skipped.

describe('@tokenswap/swap-service in reference mode', () => {
  it('passes every MUST and SHOULD case, REF-001 and REF-002 included', async () => {
    const report = await runConformance({
      swapUrl: 'http://127.0.0.1:{port}/swap',
      refreshUrl: 'http://127.0.0.1:{port}/refresh',
      revokeUrl: 'http://127.0.0.1:{port}/revoke',
      tokenMode: 'reference',
      spawn: swapServiceSpawn({
        TOKEN_MODE: 'reference',
        TOKEN_STORE: 'memory:',
        TOKEN_STORE_ALLOW_MEMORY: 'true',
      }),
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
