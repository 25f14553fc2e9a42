import { describe, expect, it } from 'vitest';
import { CASES, type ConformanceReport, runConformance } from '../src/index.js';
import { type FixtureName, fixtureOptions } from './helpers/fixtures.js';

// The proof that the suite judges: each broken server fails exactly the cases for its flaw, and
// the correct minimal server fails none. Every case runs in each, except the two reference-mode
// cases: these servers do not declare --token-mode reference (reference-mode.test.ts does).
const EXPECTED_FAILURES: Record<Exclude<FixtureName, 'reference'>, string[]> = {
  correct: [],
  'clear-refresh': ['SWAP-003', 'SEC-003', 'SEC-005'],
  'error-500': ['ERR-003', 'ERR-004', 'ERR-005'],
  'no-store': ['SEC-001'],
  hanging: ['FAULT-003', 'FAULT-007'],
};

const NOT_DECLARED = 'declare --token-mode reference to check';
const ROTATION_BLOCKED =
  "blocked by SEC-003: the refresh answer carried Spotify's own rotated refresh token in clear, so there is no token of the server's to go on with";
/** Skipped beyond the REF cases: a server handing out Spotify's tokens has none of its own to rotate. */
const EXPECTED_SKIPS: Partial<Record<FixtureName, [string, string][]>> = {
  'clear-refresh': [
    ['REFRESH-005', ROTATION_BLOCKED],
    ['PKCE-002', ROTATION_BLOCKED],
  ],
};

const failedIds = (report: ConformanceReport) =>
  report.results.filter((r) => r.status === 'failed').map((r) => r.id);

describe('the suite against deliberately broken servers', () => {
  for (const [name, expected] of Object.entries(EXPECTED_FAILURES) as [FixtureName, string[]][]) {
    it(`${name}: fails exactly ${expected.length ? expected.join(', ') : 'nothing'}`, async () => {
      const report = await runConformance(fixtureOptions(name));
      expect(failedIds(report)).toEqual(expected);
      const skips: [string, string][] = [
        ...(EXPECTED_SKIPS[name] ?? []),
        ['REF-001', NOT_DECLARED],
        ['REF-002', NOT_DECLARED],
      ];
      expect(report.summary).toEqual({
        passed: CASES.length - expected.length - skips.length,
        failed: expected.length,
        skipped: skips.length,
        mustFailed: expected.length,
        shouldFailed: 0,
        // Skips that name a failed root cause (`blocked by SEC-003`) are counted as blocked.
        blocked: (EXPECTED_SKIPS[name] ?? []).length,
      });
      expect(report.ok).toBe(expected.length === 0);
      expect(
        report.results.filter((r) => r.status === 'skipped').map((r) => [r.id, r.message]),
      ).toEqual(skips);
      for (const result of report.results.filter((r) => r.status === 'failed')) {
        expect(result.message).toBeTruthy();
      }
      // Reports are pasted into issues: the client secret never appears, tokens only masked.
      expect(JSON.stringify(report)).not.toContain('tokenswap-demo-secret');
    });
  }
});

describe('evidence', () => {
  it('shows the request and the masked response that prove a failure', async () => {
    const report = await runConformance(fixtureOptions('clear-refresh', { only: ['SWAP-003'] }));
    const [result] = report.results;
    expect(result?.status).toBe('failed');
    expect(result?.evidence?.request).toMatch(/^POST http:\/\/127\.0\.0\.1:\d+\/swap\n/);
    expect(result?.evidence?.request).toMatch(/code=\S{4}…\[\d+ chars\]/);
    expect(result?.evidence?.response).toMatch(
      /^HTTP 200 \(\d+ ms\)\ncontent-type: application\/json/,
    );
    expect(result?.evidence?.response).toMatch(/"refresh_token":"\S{4}…\[\d+ chars\]"/);
    expect(result?.evidence?.response).toMatch(/"access_token":"\S{4}…\[\d+ chars\]"/);
  });

  it('reports a server that does not answer in time as no HTTP answer', async () => {
    const report = await runConformance(fixtureOptions('hanging', { only: ['FAULT-003'] }));
    expect(report.results[0]?.evidence?.response).toBe('no HTTP answer: timeout after 4000 ms');
    expect(report.results[0]?.message).toBe(
      'expected an answer within the 3000 ms bound, got none (timeout after 4000 ms)',
    );
  });
});
