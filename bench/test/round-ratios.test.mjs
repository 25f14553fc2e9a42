import { describe, expect, it } from 'vitest';
import { goalFigures, median, roundRatio } from '../lib/round-ratios.mjs';
import { results, row, wholeRunRow } from './fixtures.mjs';

const cpu = (r) => r.cpuMicrosecondsPerRequest.server;

describe('median', () => {
  it('is the middle value of an odd count and the mean of the two middle ones of an even count', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('skips rounds that were not measured, and is undefined when none were', () => {
    expect(median([null, 5, undefined, 1, 3])).toBe(3);
    expect(median([])).toBeUndefined();
    expect(median([null])).toBeUndefined();
  });
});

describe('roundRatio', () => {
  it('divides round r by round r, then takes the median (not the ratio of the medians)', () => {
    // Per round: 300/100 = 3, 200/200 = 1, 500/250 = 2 -> median 2. The ratio of the medians
    // (300 / 200 = 1.5) and of the means (333 / 183 = 1.82) are both different.
    const swap = row([{ cpu: 300 }, { cpu: 200 }, { cpu: 500 }]);
    const proxy = row([{ cpu: 100 }, { cpu: 200 }, { cpu: 250 }]);
    const figure = roundRatio(swap, proxy, cpu);
    expect(figure).toEqual({ value: 2, perRound: [3, 1, 2], basis: 'rounds' });
  });

  it('keeps a round whose figure is missing as null and leaves it out of the median', () => {
    const swap = row([{ cpu: 300 }, { cpu: 200 }, { cpu: 400 }]);
    const proxy = row([{ cpu: 100 }, { cpu: 0 }, { cpu: 100 }]);
    expect(roundRatio(swap, proxy, cpu)).toEqual({
      value: 3.5,
      perRound: [3, null, 4],
      basis: 'rounds',
    });
  });

  it('falls back to the merged rows when a file has no rounds (schema 1), and says so', () => {
    const figure = roundRatio(wholeRunRow({ cpu: 330 }), wholeRunRow({ cpu: 110 }), cpu);
    expect(figure.basis).toBe('whole run');
    expect(figure.value).toBeCloseTo(3, 10);
    expect(figure.perRound).toEqual([]);
  });

  it('is undefined when a row was not measured', () => {
    expect(roundRatio(undefined, row([{}]), cpu).value).toBeUndefined();
  });
});

describe('goalFigures', () => {
  const proxy = row([
    { cpu: 100, rps: 3000, p99: 10, rss: 100 },
    { cpu: 100, rps: 3000, p99: 10, rss: 100 },
    { cpu: 100, rps: 3000, p99: 10, rss: 100 },
  ]);
  const refresh = row([{ cpu: 150 }, { cpu: 160 }, { cpu: 170 }]);
  const refreshInfo = row([
    { cpu: 190, rps: 2400, p99: 12, rss: 105 },
    { cpu: 210, rps: 2100, p99: 14, rss: 120 },
    { cpu: 200, rps: 2250, p99: 13, rss: 108 },
  ]);
  const figures = goalFigures(
    results({
      proxy,
      refresh,
      refreshInfo,
      coldStart: { medianMs: 240, samplesMs: [230, 240, 260] },
    }),
  );

  it('reads CPU at info and at warn, req/s, p99 and RSS at info, each against the proxy', () => {
    expect(figures.cpuInfoVsProxy.value).toBeCloseTo(2.0, 10);
    expect(figures.cpuWarnVsProxy.value).toBeCloseTo(1.6, 10);
    expect(figures.rpsInfoVsProxy.value).toBeCloseTo(0.75, 10);
    expect(figures.p99InfoVsProxy.value).toBeCloseTo(1.3, 10);
    expect(figures.rssInfoVsProxy.value).toBeCloseTo(1.08, 10);
    expect(figures.rssInfoVsProxy.perRound).toEqual([1.05, 1.2, 1.08]);
  });

  it('takes the cold start median with every sample, and counts failures over every row', () => {
    expect(figures.coldStartMs).toEqual({
      value: 240,
      perRound: [230, 240, 260],
      basis: 'samples',
    });
    expect(figures.failures.value).toBe(0);
  });

  it('reads schema 1 RSS from the whole-run memory section', () => {
    const old = goalFigures({
      http: { proxy: wholeRunRow(), refreshInfo: wholeRunRow() },
      memory: { proxy: { maxSampledRssMb: 100 }, refreshInfo: { maxSampledRssMb: 115 } },
    });
    expect(old.rssInfoVsProxy.basis).toBe('whole run');
    expect(old.rssInfoVsProxy.value).toBeCloseTo(1.15, 10);
  });
});
