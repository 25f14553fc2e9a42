import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { type ConformanceReport, runConformance } from '../src/index.js';
import { type Flaw, flawedOptions, type Language } from './helpers/fixtures.js';

// Issue 15's proof: one small server per defect kind, in Node and in Ruby (Sinatra on WEBrick),
// each failing exactly its expected ids; the correct server of each language passes every case
// it can (the REF cases need --token-mode reference). A false pass is the worst bug the suite
// can have, so every verdict here was seen to fail first.
const ROTATION_BLOCKED = 'blocked by SEC-003';
const EXPECTED: Record<Flaw | 'correct', { failed: string[]; skipped?: Record<string, string> }> = {
  correct: { failed: [] },
  // Spotify's rotated token handed on as it came (the Ruby sample): SEC-003 alone; the cases
  // that would go on with that token are blocked by it, not failed a second time.
  'rotated-in-clear': {
    failed: ['SEC-003'],
    skipped: { 'REFRESH-005': ROTATION_BLOCKED, 'PKCE-002': ROTATION_BLOCKED },
  },
  // The rotated token thrown away (sealed) or not kept behind the handle (reference): the app
  // is left with a token Spotify revoked. PKCE-002 meets the same rotation on its PKCE path, so
  // it is blocked by REFRESH-005 rather than failed a second time.
  'drops-rotated': { failed: ['REFRESH-005'], skipped: { 'PKCE-002': 'blocked by REFRESH-005' } },
  'stale-reference': { failed: ['REFRESH-005'], skipped: { 'PKCE-002': 'blocked by REFRESH-005' } },
  'serves-get': { failed: ['ERR-010'] },
  // Express's / Sinatra's development error page for a malformed JSON body (HTTP 500).
  'stack-trace': { failed: ['SEC-004'] },
  // JSON error bodies served as text/html.
  'html-errors': { failed: ['ERR-015'] },
  'no-upstream-call': { failed: [] }, // judged on its FAULT cases below
};

const REF_SKIPPED = {
  'REF-001': 'declare --token-mode reference to check',
  'REF-002': 'declare --token-mode reference to check',
};

const rubyHere = (() => {
  try {
    execFileSync('ruby', ['-e', 'require "sinatra/base"; require "webrick"'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
// In CI the Ruby servers must run (.ci/run installs ruby-sinatra and ruby-webrick).
const skipRuby = !rubyHere && !process.env.CI;

const byStatus = (report: ConformanceReport, status: string) =>
  report.results.filter((r) => r.status === status);

describe.each<Language>(['node', 'ruby'])('the defect family in %s', (language) => {
  const runIt = language === 'ruby' && skipRuby ? it.skip : it;

  for (const [flaw, expected] of Object.entries(EXPECTED).filter(
    ([name]) => name !== 'no-upstream-call',
  )) {
    runIt(`${flaw}: fails exactly ${expected.failed.join(', ') || 'nothing'}`, async () => {
      const report = await runConformance(
        flawedOptions(language, flaw === 'correct' ? undefined : (flaw as Flaw)),
      );
      const failed = byStatus(report, 'failed');
      expect(failed.map((r) => `${r.id}: ${r.message}`)).toHaveLength(expected.failed.length);
      expect(failed.map((r) => r.id)).toEqual(expected.failed);
      const skipped = Object.fromEntries(
        byStatus(report, 'skipped').map((r) => [r.id, r.message ?? '']),
      );
      const wanted = { ...REF_SKIPPED, ...expected.skipped };
      expect(Object.keys(skipped).sort()).toEqual(Object.keys(wanted).sort());
      for (const [id, reason] of Object.entries(wanted)) expect(skipped[id]).toContain(reason);
      expect(report.ok).toBe(failed.every((r) => r.level !== 'MUST'));
    });
  }

  runIt(
    'no-upstream-call: FAULT cases are blocked, never passed, when upstream was never called',
    async () => {
      // FAULT cases alone: in a full run SWAP-001 fails first and blocks them all; here each
      // case must see for itself that the server never called upstream.
      const report = await runConformance(
        flawedOptions(language, 'no-upstream-call', { only: ['FAULT'] }),
      );
      expect(
        report.results.filter((r) => r.id.startsWith('FAULT-') && r.status === 'passed'),
      ).toEqual([]);
      for (const id of [
        'FAULT-001',
        'FAULT-002',
        'FAULT-003',
        'FAULT-004',
        'FAULT-005',
        'FAULT-010',
      ]) {
        const result = report.results.find((r) => r.id === id);
        expect(result?.status, id).toBe('skipped');
        expect(result?.message).toMatch(
          /^blocked: the server answered HTTP 500 without calling Spotify's token endpoint/,
        );
      }
      // With it, they are blocked by its failure before they run: one cause, reported once.
      const withSwap = await runConformance(
        flawedOptions(language, 'no-upstream-call', { only: ['SWAP-001', 'FAULT'] }),
      );
      expect(withSwap.results.map((r) => [r.id, r.status, r.blockedBy ?? null])).toEqual([
        ['SWAP-001', 'failed', null],
        ...withSwap.results.slice(1).map((r) => [r.id, 'skipped', 'SWAP-001']),
      ]);
      expect(withSwap.rootCauses.map((c) => c.id)).toEqual(['SWAP-001']);
    },
  );
});
