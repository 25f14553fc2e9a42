import { describe, expect, it } from 'vitest';
import { CASES, runConformance } from '../src/index.js';
import { FAST, swapServiceSpawn } from './helpers/fixtures.js';

// Our own swap service, spawned from its built server the way a user would run it, configured
// entirely through placeholders: every MUST and SHOULD case passes; in its default (sealed) mode
// the reference-mode cases are skipped as declared.

describe('@tokenswap/swap-service', () => {
  it('passes every MUST and SHOULD case', async () => {
    const report = await runConformance({
      swapUrl: 'http://127.0.0.1:{port}/swap',
      refreshUrl: 'http://127.0.0.1:{port}/refresh',
      spawn: swapServiceSpawn(),
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
