import { describe, expect, it } from 'vitest';
import { evaluateGoals, formatGoalValue, GOALS } from '../lib/goals.mjs';
import { renderGoals, renderInformationalRatios } from '../lib/goals-table.mjs';
import { results, row, wholeRunRow } from './fixtures.mjs';

const three = (options) => row([options, options, options]);
const proxy = three({ cpu: 100, rps: 3000, p99: 10, rss: 100 });

/** The results of a run whose /refresh (info) row has `info` in each round. */
function run({ info = {}, warn = {}, coldMs = 200, proxyRow = proxy } = {}) {
  return results({
    proxy: proxyRow,
    refresh: three({ cpu: 150, ...warn }),
    refreshInfo: three({ cpu: 190, rps: 2400, p99: 12, rss: 105, ...info }),
    coldStart: { medianMs: coldMs, samplesMs: [coldMs, coldMs, coldMs] },
  });
}

const verdicts = (res) => Object.fromEntries(evaluateGoals(res).map((g) => [g.id, g.result]));

describe('evaluateGoals (issue 18)', () => {
  it('lists the seven goals of issue 18 and no other', () => {
    expect(GOALS.map((g) => g.id)).toEqual([
      'cpu-info',
      'cpu-warn',
      'throughput',
      'latency',
      'memory',
      'cold-start',
      'errors',
    ]);
  });

  it('passes every goal on its line (inclusive bounds)', () => {
    const onTheLine = run({
      info: { cpu: 200, rps: 2100, p99: 13, rss: 110 },
      warn: { cpu: 170 },
      coldMs: 250,
    });
    expect(verdicts(onTheLine)).toEqual({
      'cpu-info': 'PASS',
      'cpu-warn': 'PASS',
      throughput: 'PASS',
      latency: 'PASS',
      memory: 'PASS',
      'cold-start': 'PASS',
      errors: 'PASS',
    });
  });

  it('misses each goal just past its line', () => {
    const pastTheLine = run({
      info: { cpu: 201, rps: 2099, p99: 13.1, rss: 110.1 },
      warn: { cpu: 171 },
      coldMs: 250.1,
      proxyRow: row(
        [
          { cpu: 100, rps: 3000, p99: 10, rss: 100 },
          { cpu: 100, rps: 3000, p99: 10, rss: 100, failures: 1 },
          { cpu: 100, rps: 3000, p99: 10, rss: 100 },
        ],
        { non2xx: 1 },
      ),
    });
    expect(verdicts(pastTheLine)).toEqual({
      'cpu-info': 'MISS',
      'cpu-warn': 'MISS',
      throughput: 'MISS',
      latency: 'MISS',
      memory: 'MISS',
      'cold-start': 'MISS',
      errors: 'MISS',
    });
  });

  it('judges the median round, so one disturbed round decides nothing', () => {
    const res = run();
    res.http.refreshInfo = row([{ cpu: 190 }, { cpu: 900 }, { cpu: 195 }]);
    const cpuInfo = evaluateGoals(res).find((g) => g.id === 'cpu-info');
    expect(cpuInfo.perRound).toEqual([1.9, 9, 1.95]);
    expect(cpuInfo.value).toBe(1.95);
    expect(cpuInfo.result).toBe('PASS');
  });

  it('counts warm-up failures too', () => {
    const res = run();
    res.http.proxy = { ...proxy, warmup: { errors: 2, non2xx: 0 } };
    expect(verdicts(res).errors).toBe('MISS');
  });

  it('is n/a, never PASS, for what was not measured', () => {
    const res = results({ proxy, refresh: undefined, refreshInfo: undefined });
    const out = verdicts(res);
    expect(out['cpu-info']).toBe('n/a');
    expect(out['cpu-warn']).toBe('n/a');
    expect(out.memory).toBe('n/a');
    expect(out['cold-start']).toBe('n/a');
    expect(verdicts({ http: {} }).errors).toBe('n/a');
  });
});

describe('the goals table', () => {
  it('prints each goal with its median, every round and its verdict', () => {
    const res = run();
    res.http.refreshInfo = row([{ cpu: 190 }, { cpu: 900 }, { cpu: 195 }]);
    const text = renderGoals(evaluateGoals(res), 3);
    expect(text).toContain('median of the per-round ratios over 3 interleaved rounds');
    expect(text).toMatch(
      /LOG_LEVEL=info ÷ the proxy's \| <= 2\.00 \| 1\.95 \| 1\.90, 9\.00, 1\.95 \| \*\*PASS\*\*/,
    );
    expect(text).toMatch(
      /cold start.*\| <= 250 ms \| 200\.0 ms \| samples: 200\.0 ms, 200\.0 ms, 200\.0 ms \| \*\*PASS\*\*/,
    );
  });

  it('says when a figure is a whole-run ratio from an older file', () => {
    const old = { http: { proxy: wholeRunRow(), refreshInfo: wholeRunRow({ cpu: 300 }) } };
    expect(renderGoals(evaluateGoals(old), 5)).toMatch(
      /3\.00 \| whole run \(no per-round figures\) \| \*\*MISS\*\*/,
    );
  });

  it('formats ratios, milliseconds and counts, and n/a for a missing value', () => {
    expect(formatGoalValue('throughput', 0.7049)).toBe('0.70');
    expect(formatGoalValue('cold-start', 249.96)).toBe('250.0 ms');
    expect(formatGoalValue('errors', 3)).toBe('3');
    expect(formatGoalValue('latency', null)).toBe('n/a');
  });
});

describe('the informational per-round ratios', () => {
  it('print the logging cost and the experiment row round by round, and nothing unmeasured', () => {
    const res = run();
    res.http.refreshExperiment = row([{ cpu: 120 }, { cpu: 150 }, { cpu: 135 }]);
    const text = renderInformationalRatios(res);
    expect(text).toMatch(
      /\| server CPU µs\/req, \/refresh info ÷ warn \(logging cost\) \| 1\.27x \| 1\.27x, 1\.27x, 1\.27x \|/,
    );
    expect(text).toMatch(
      /\| server CPU µs\/req, experiment ÷ \/refresh warn \| 0\.90x \| 0\.80x, 1\.00x, 0\.90x \|/,
    );
    expect(renderInformationalRatios({ http: { proxy } })).toBe('');
  });
});
