import { describe, expect, it } from 'vitest';
import { CASES, type ConformanceReport, runConformance } from '../src/index.js';
import { fixtureOptions, flawedOptions } from './helpers/fixtures.js';

// REF-001/REF-002 (issue 11): a server that keeps Spotify's token behind a handle passes them;
// a sealed (stateless) server fails REF-001 when it is (wrongly) declared a reference server;
// without the declaration they are skipped with the reason.

const REVOKE_URL = 'http://127.0.0.1:{port}/revoke';
const statuses = (report: ConformanceReport) =>
  report.results.map((r) => [r.id, r.status, r.message ?? '']);

describe('reference mode (REF cases)', () => {
  it('a reference-mode server declared as such passes every case, REF-001 and REF-002 included', async () => {
    const report = await runConformance(
      fixtureOptions('reference', { tokenMode: 'reference', revokeUrl: REVOKE_URL }),
    );
    const notPassed = report.results
      .filter((r) => r.status !== 'passed')
      .map((r) => `${r.id}: ${r.message}`);
    expect(notPassed).toEqual([]);
    expect(report.results).toHaveLength(CASES.length);
    expect(report.results.filter((r) => r.id.startsWith('REF-')).map((r) => r.level)).toEqual([
      'SHOULD',
      'SHOULD',
    ]);
  });

  it('a sealed server declared reference fails REF-001: the original token dies with the rotation', async () => {
    const report = await runConformance(
      fixtureOptions('correct', { tokenMode: 'reference', only: ['REF-'] }),
    );
    expect(statuses(report)).toEqual([
      [
        'REF-001',
        'failed',
        expect.stringMatching(
          /^refresh 2 of 2 with the original refresh token failed: expected HTTP 200, got HTTP 400/,
        ),
      ],
      ['REF-002', 'skipped', 'give --revoke-url to check'],
    ]);
    // SHOULD cases: the run is still conformant.
    expect(report.ok).toBe(true);
  });

  it('a reference server whose handle keeps the revoked token after a rotation fails REF-001', async () => {
    const report = await runConformance(
      flawedOptions('node', 'stale-reference', {
        tokenMode: 'reference',
        revokeUrl: REVOKE_URL,
        only: ['REF-'],
      }),
    );
    expect(statuses(report)).toEqual([
      [
        'REF-001',
        'failed',
        expect.stringMatching(
          /^refresh 2 of 2 with the original refresh token failed: expected HTTP 200, got HTTP 400/,
        ),
      ],
      ['REF-002', 'passed', ''],
    ]);
  });

  it('a server that does not revoke fails REF-002', async () => {
    // The correct fixture has no /revoke route (404) — the revoke request is not accepted.
    const report = await runConformance(
      fixtureOptions('correct', {
        tokenMode: 'reference',
        revokeUrl: REVOKE_URL,
        only: ['REF-002'],
      }),
    );
    expect(statuses(report)).toEqual([
      [
        'REF-002',
        'failed',
        expect.stringMatching(/^the revoke request was not accepted: expected a 2xx, got HTTP 404/),
      ],
    ]);
  });

  it('declared sealed, the REF cases are skipped with why', async () => {
    const report = await runConformance(
      fixtureOptions('reference', { tokenMode: 'sealed', revokeUrl: REVOKE_URL, only: ['REF-'] }),
    );
    const reason = 'declared --token-mode sealed: a stateless server cannot keep a rotated token';
    expect(statuses(report)).toEqual([
      ['REF-001', 'skipped', reason],
      ['REF-002', 'skipped', reason],
    ]);
  });
});
