import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { comparedFigures, formatChange, renderComparison } from '../lib/compare.mjs';
import { readBenchResults, resultsVersion } from '../lib/results-file.mjs';
import { results, row, wholeRunRow } from './fixtures.mjs';

const three = (options) => row([options, options, options]);
const earlier = results({
  proxy: three({ cpu: 100, rps: 3000, p99: 10, rss: 100 }),
  refresh: three({ cpu: 250 }),
  refreshInfo: three({ cpu: 300, rps: 1500, p99: 15, rss: 130 }),
  coldStart: { medianMs: 400, samplesMs: [400] },
});
const now = results({
  proxy: three({ cpu: 100, rps: 3000, p99: 10, rss: 100 }),
  refresh: three({ cpu: 160 }),
  refreshInfo: three({ cpu: 190, rps: 2400, p99: 12, rss: 105 }),
  coldStart: { medianMs: 200, samplesMs: [200] },
});

describe('formatChange', () => {
  it('gives a figure its relative change', () => {
    expect(formatChange({ kind: 'absolute', before: 200, after: 210 })).toBe('+5.0 %');
    expect(formatChange({ kind: 'absolute', before: 200, after: 150 })).toBe('-25.0 %');
    expect(formatChange({ kind: 'absolute', before: 200, after: 200 })).toBe('±0.0 %');
  });

  it('gives a ratio its absolute change, then its relative change', () => {
    expect(formatChange({ kind: 'ratio', before: 3, after: 1.9 })).toBe('-1.10 (-36.7 %)');
    expect(formatChange({ kind: 'ratio', before: 0.5, after: 0.75 })).toBe('+0.25 (+50.0 %)');
    expect(formatChange({ kind: 'ratio', before: 0.68, after: 0.677 })).toBe('±0.00 (-0.4 %)');
  });

  it('gives a count its difference, and n/a when a side is missing', () => {
    expect(formatChange({ kind: 'count', before: 0, after: 2 })).toBe('+2');
    expect(formatChange({ kind: 'absolute', before: undefined, after: 2 })).toBe('n/a');
    expect(formatChange({ kind: 'ratio', before: 1, after: undefined })).toBe('n/a');
  });
});

describe('comparedFigures', () => {
  it('pairs each row, goal ratio, RSS and cold start of both runs', () => {
    const byLabel = Object.fromEntries(comparedFigures(earlier, now).map((f) => [f.label, f]));
    expect(byLabel['swap service /refresh (LOG_LEVEL=info): server CPU µs/req']).toMatchObject({
      before: 300,
      after: 190,
    });
    const cpuGoal = Object.values(byLabel).find((f) =>
      f.label.includes('CPU µs per /refresh at LOG_LEVEL=info'),
    );
    expect(cpuGoal).toMatchObject({ kind: 'ratio', before: 3, after: 1.9, beforeWholeRun: false });
    expect(byLabel['cold start, swap service (median)']).toMatchObject({ before: 400, after: 200 });
  });

  it('keeps a figure only one side has (the other prints n/a), and drops one neither has', () => {
    const older = { version: 1, machine: {}, options: {}, http: { proxy: wholeRunRow() } };
    const labels = comparedFigures(older, now).map((f) => f.label);
    expect(labels).toContain('swap service /refresh (LOG_LEVEL=info): req/s');
    expect(labels.some((l) => l.startsWith('mock /api/token direct'))).toBe(false);
  });
});

describe('renderComparison', () => {
  it('prints every figure beside its earlier value and change, and the verdicts then and now', () => {
    const text = renderComparison('earlier.json', { ...earlier, version: 2 }, now);
    expect(text).toContain('Compared with earlier.json (results version 2;');
    expect(text).toMatch(
      /\| swap service \/refresh \(LOG_LEVEL=info\): server CPU µs\/req \| 300 µs \| 190 µs \| -36\.7 % \|/,
    );
    expect(text).toMatch(
      /CPU µs per \/refresh at LOG_LEVEL=info ÷ the proxy's \(median of rounds\) \| 3\.00x \| 1\.90x \| -1\.10 \(-36\.7 %\) \|/,
    );
    expect(text).toMatch(/LOG_LEVEL=info ÷ the proxy's \| <= 2\.00 \| 3\.00 MISS \| 1\.90 PASS \|/);
    expect(text).toMatch(/cold start.*\| <= 250 ms \| 400\.0 ms MISS \| 200\.0 ms PASS \|/);
    expect(text).not.toContain('†');
  });

  it('prints n/a for what an older file lacks and marks its whole-run ratios', () => {
    const older = {
      version: 1,
      machine: { cpuModel: 'other cpu', cores: 2, node: 'v20.0.0' },
      options: { connections: 10, duration: 10, rounds: 5 },
      http: { proxy: wholeRunRow({ cpu: 100 }), refreshInfo: wholeRunRow({ cpu: 350 }) },
    };
    const text = renderComparison('latest.json', older, now);
    expect(text).toMatch(
      /LOG_LEVEL=info ÷ the proxy's \(median of rounds\) \| 3\.50x † \| 1\.90x \|/,
    );
    expect(text).toMatch(
      /\| swap service \/refresh \(LOG_LEVEL=warn\): req\/s \| n\/a \| 1,000 \| n\/a \|/,
    );
    expect(text).toMatch(/\| cold start, swap service \(median\) \| n\/a \| 200\.0 ms \| n\/a \|/);
    expect(text).toContain('† whole-run ratio: latest.json has no per-round figures');
    expect(text).toMatch(/<= 250 ms \| n\/a n\/a \| 200\.0 ms PASS \|/);
    expect(text).toContain(
      'Not like for like: machine other cpu then, test cpu now; duration 10 then, 6 now.',
    );
  });
});

describe('readBenchResults', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-compare-test-'));
  const file = (name, text) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('reads a results file of this version, and the committed baseline as version 1', () => {
    expect(readBenchResults(file('v2.json', JSON.stringify(now))).version).toBe(2);
    const baseline = new URL('../results/latest.json', import.meta.url).pathname;
    expect(readBenchResults(baseline).version).toBeGreaterThanOrEqual(1);
  });

  it('refuses a missing file, a folder, a file that is not JSON and JSON that is not a result', () => {
    expect(() => readBenchResults(join(dir, 'nope.json'))).toThrow(
      /does not exist or is not a file/,
    );
    expect(() => readBenchResults(dir)).toThrow(/does not exist or is not a file/);
    expect(() => readBenchResults(file('bad.json', '{ nope'))).toThrow(/is not JSON/);
    const pkg = file('package.json', JSON.stringify({ name: 'x', version: '1.0.0' }));
    expect(() => readBenchResults(pkg)).toThrow(
      /is not a bench results file: it has no schema field and no "machine", "options", "http"/,
    );
  });

  it('names what is wrong with a schema field', () => {
    expect(resultsVersion({ schema: 'other', version: 2, machine: {} })).toEqual({
      error: 'its schema is "other", not "tokenswap-bench-results"',
    });
    expect(resultsVersion({ schema: 'tokenswap-bench-results', version: '2' }).error).toMatch(
      /version/,
    );
    expect(resultsVersion([1, 2])).toEqual({ error: 'not a JSON object' });
  });
});
