import { readFileSync } from 'node:fs';
import { jsonOrUndefined } from '@tokenswap/test-support';
import { newTestKey } from '@tokenswap/test-support/keys';
import { describe, expect, it } from 'vitest';
import { serviceEnv } from './support/env.js';
import { recordFigures } from './support/figures.js';
import { keepAlivePool, postForm, runPool } from './support/http.js';
import { mintCodesOverHttp } from './support/mint-codes.js';
import { mockAndServicePerFile } from './support/mock-and-service.js';
import { percentile, round1, runSeed, seededRandom } from './support/stats.js';

/** 10,000 by default; `HARDENING_SOAK_REQUESTS` runs a longer soak when hunting a leak. */
const REQUESTS = Number(process.env.HARDENING_SOAK_REQUESTS ?? 10_000);
const CONCURRENCY = 64;
/** Every other request is a swap; the rest refresh a sealed token from an earlier swap. */
const SWAPS = Math.ceil(REQUESTS / 2);
const RSS_BASELINE_AFTER = 2_500;
const MAX_RSS_GROWTH = 0.2;

const stack = mockAndServicePerFile();

describe('soak', () => {
  it(`${REQUESTS.toLocaleString('en')} mixed swaps and refreshes at concurrency ${CONCURRENCY}: no errors, no leak; p99, RSS and loop delay measured`, async (context) => {
    const key = await newTestKey('soak');
    // Warn level: the soak measures the service, not a pipe full of access-log lines.
    // What users run: the bundle, with the node flags of the bin's shebang, plus --expose-gc so
    // the end's RSS is read after a full collection. Without it the check read garbage a major
    // GC had not reached yet as growth: 20-31 % in about one run of four (2026-11-26), against
    // 0-7 % after a GC.
    const mock = stack.mock;
    const service = await stack.spawn(serviceEnv(mock.url, key, { PORT: '0', LOG_LEVEL: 'warn' }), {
      loopDelayProbe: true,
      nodeArgs: [...binNodeFlags(), '--expose-gc'],
    });
    const child = service;
    const codes = await mintCodesOverHttp(mock.url, SWAPS + 16);
    const pool = keepAlivePool(service.url, CONCURRENCY);
    const swapPath = new URL(service.swapUrl).pathname;
    const refreshPath = new URL(service.refreshUrl).pathname;

    // A few sealed tokens to refresh before the first swaps of the soak come back.
    const sealed: string[] = [];
    for (const code of codes.splice(0, 16)) {
      const answer = await postForm(pool, swapPath, { code });
      sealed.push(
        String((jsonOrUndefined(answer.text) as { refresh_token?: unknown }).refresh_token),
      );
    }
    const seed = runSeed();
    const random = seededRandom(seed);
    console.log(`soak seed ${seed}`);

    const latencies: number[] = [];
    const errors: string[] = [];
    const rssSamples: number[] = [];
    let done = 0;
    let rssAfter1k = 0;
    const sampler = setInterval(() => rssSamples.push(child.rssKiB()), 1_000);
    const atStart = await service.loopDelay(); // ends the start-up window, starts the soak's
    const started = performance.now();
    let nextCode = 0;
    await runPool(REQUESTS, CONCURRENCY, async (index) => {
      const isSwap = index % 2 === 0;
      try {
        const answer = isSwap
          ? await postForm(pool, swapPath, { code: codes[nextCode++] as string })
          : await postForm(pool, refreshPath, {
              refresh_token: sealed[Math.floor(random() * sealed.length)] as string,
            });
        latencies.push(answer.ms);
        const body = jsonOrUndefined(answer.text) as {
          access_token?: unknown;
          refresh_token?: unknown;
        };
        if (answer.status !== 200 || typeof body?.access_token !== 'string') {
          errors.push(
            `${isSwap ? 'swap' : 'refresh'} ${answer.status} ${answer.text.slice(0, 200)}`,
          );
        } else if (isSwap && sealed.length < 1_000) {
          sealed.push(String(body.refresh_token));
        }
      } catch (error) {
        errors.push(`${isSwap ? 'swap' : 'refresh'}: ${(error as Error).message}`);
      }
      done += 1;
      if (done === RSS_BASELINE_AFTER) rssAfter1k = child.rssKiB();
    });
    const elapsedMs = performance.now() - started;
    clearInterval(sampler);
    // After a full GC (the probe runs one with --expose-gc): a leak is what stays reachable.
    const loop = await service.loopDelay();
    const rssEnd = child.rssKiB();
    await pool.close();

    const growth = (rssEnd - rssAfter1k) / rssAfter1k;
    const figures = {
      requests: REQUESTS,
      concurrency: CONCURRENCY,
      errors: errors.length,
      p50Ms: round1(percentile(latencies, 50)),
      p99Ms: round1(percentile(latencies, 99)),
      maxMs: round1(percentile(latencies, 100)),
      requestsPerSecond: Math.round((REQUESTS / elapsedMs) * 1000),
      rssAfter1kKiB: rssAfter1k,
      rssEndKiB: rssEnd,
      rssGrowthPercent: round1(growth * 100),
      rssSamplesKiB: rssSamples,
      leak: growth > MAX_RSS_GROWTH,
      loopDelayP50Ms: loop.p50Ms,
      loopDelayP99Ms: loop.p99Ms,
      loopDelayMaxMs: loop.maxMs,
      heapStartKiB: atStart.heapUsedKiB,
      heapEndKiB: loop.heapUsedKiB,
    };
    recordFigures(context, { soak: figures });
    console.log('soak:', JSON.stringify(figures));

    expect(errors.slice(0, 10)).toEqual([]);
    expect(latencies).toHaveLength(REQUESTS);
    expect(growth).toBeLessThanOrEqual(MAX_RSS_GROWTH);
  });
});

/** The node flags in the `tokenswap-swap-service` bin's shebang (`#!/usr/bin/env -S node …`). */
function binNodeFlags(): string[] {
  const bin = new URL('../bin/tokenswap-swap-service.js', import.meta.url);
  const shebang = readFileSync(bin, 'utf8').split('\n')[0] ?? '';
  return shebang
    .replace(/^#!\/usr\/bin\/env -S node\s*/, '')
    .split(/\s+/)
    .filter(Boolean);
}
