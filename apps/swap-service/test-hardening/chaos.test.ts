import type { Fault, MockAccounts } from '@tokenswap/mock-accounts';
import { startMockAccounts } from '@tokenswap/mock-accounts';
import { jsonOrUndefined } from '@tokenswap/test-support';
import { newTestKey } from '@tokenswap/test-support/keys';
import type { Pool } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServiceChild, spawnService } from './support/child-service.js';
import { SCOPES, serviceEnv } from './support/env.js';
import { recordFigures } from './support/figures.js';
import { type Answer, errorCodeOf, keepAlivePool, postForm, runPool } from './support/http.js';
import { diffTally, upstreamOutcomes } from './support/metrics.js';
import { bump, round1, runSeed, seededRandom } from './support/stats.js';

const UPSTREAM_TIMEOUT_MS = 300;
/** A slow fault holds the answer this long: well beyond the timeout. */
const SLOW_MS = 1_500;
/** "Hung" = no answer within the timeout plus this margin (scheduling on a busy 2-core box). */
const HANG_MARGIN_MS = 1_000;
const REQUESTS = 3_000;
const CONCURRENCY = 32;
const RECOVERY_REQUESTS = 500;
/** The mix: 5 % 5xx, 2 % resets, 2 % slow beyond the timeout, 1 % 429. */
const MIX = { '5xx': 0.05, reset: 0.02, slow: 0.02, '429': 0.01 } as const;
type FaultKind = keyof typeof MIX;

let mock: MockAccounts;
let service: ServiceChild;
let pool: Pool;
let swapPath: string;
let refreshPath: string;
/** Sealed refresh tokens from fault-free swaps, to refresh during the chaos. */
const sealed: string[] = [];

beforeAll(async () => {
  mock = await startMockAccounts();
  const key = await newTestKey('chaos');
  service = await spawnService(
    serviceEnv(mock.url, key, {
      PORT: '0',
      LOG_LEVEL: 'warn',
      UPSTREAM_TIMEOUT_MS: String(UPSTREAM_TIMEOUT_MS),
    }),
  );
  pool = keepAlivePool(service.url, CONCURRENCY);
  swapPath = new URL(service.swapUrl).pathname;
  refreshPath = new URL(service.refreshUrl).pathname;
  for (let i = 0; i < 32; i++) {
    const answer = await postForm(pool, swapPath, { code: mock.mintCode({ scopes: SCOPES }) });
    sealed.push(
      String((jsonOrUndefined(answer.text) as { refresh_token?: unknown }).refresh_token),
    );
  }
});
afterAll(async () => {
  await pool?.close();
  await service?.dispose();
  await mock?.close();
});

/** Request `index`: even ones swap a fresh code, odd ones refresh a sealed token. */
function send(index: number): Promise<Answer> {
  return index % 2 === 0
    ? postForm(pool, swapPath, { code: mock.mintCode({ scopes: SCOPES }) })
    : postForm(pool, refreshPath, { refresh_token: sealed[index % sealed.length] as string });
}

function faultOf(kind: FaultKind, random: () => number): Fault {
  switch (kind) {
    case '5xx':
      return {
        kind: 'status',
        status: [500, 502, 503, 504][Math.floor(random() * 4)] as number,
        body: '',
      };
    case 'reset':
      return { kind: 'reset' };
    case 'slow':
      return { kind: 'delay', ms: SLOW_MS };
    case '429':
      return { kind: 'rate-limit', retryAfter: 1 + Math.floor(random() * 120) };
  }
}

/** Exactly MIX of REQUESTS positions get a fault, at seeded random places. */
function schedule(random: () => number): (FaultKind | undefined)[] {
  const plan: (FaultKind | undefined)[] = new Array(REQUESTS).fill(undefined);
  const kinds = Object.entries(MIX).flatMap(([kind, share]) =>
    new Array(Math.round(share * REQUESTS)).fill(kind as FaultKind),
  );
  kinds.forEach((kind, i) => {
    plan[i] = kind;
  });
  for (let i = plan.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [plan[i], plan[j]] = [plan[j], plan[i]];
  }
  return plan;
}

describe('upstream chaos', () => {
  // Faults queue first in, first out at the mock, and with 32 requests in flight the fault
  // injected just before request i may be taken by another request that reaches the mock
  // first. Which request gets which fault is therefore not fixed, but how many of each is:
  // every injected fault is consumed (each injection is followed by its own request), so the
  // answers must add up exactly to the faults, and match what the service saw upstream
  // (its metrics). The exact per-request mapping is checked sequentially in the next test.
  it('3,000 requests under a 5 % 5xx / 2 % reset / 2 % slow / 1 % 429 mix: every answer mapped, none hangs, then back to 0 errors', async (context) => {
    const seed = runSeed();
    const random = seededRandom(seed);
    console.log(`chaos seed ${seed}`);
    const plan = schedule(random);
    const injected: Record<string, number> = {};
    const retryAfters = new Set<string>();
    const answers: Record<string, number> = {};
    const unmapped: string[] = [];
    let slowest = 0;
    let hung = 0;
    const before = await upstreamOutcomes(service.url);

    await runPool(REQUESTS, CONCURRENCY, async (index) => {
      const kind = plan[index];
      if (kind !== undefined) {
        const fault = faultOf(kind, random);
        if (fault.kind === 'rate-limit') retryAfters.add(String(fault.retryAfter));
        mock.faults.inject('token', fault);
        bump(injected, kind);
      }
      let answer: Answer;
      try {
        answer = await send(index);
      } catch (error) {
        unmapped.push(`request ${index}: no answer (${(error as Error).message})`);
        return;
      }
      slowest = Math.max(slowest, answer.ms);
      if (answer.ms > UPSTREAM_TIMEOUT_MS + HANG_MARGIN_MS) hung += 1;
      const code = errorCodeOf(answer.text);
      bump(answers, String(answer.status));
      const mapped =
        answer.status === 200
          ? typeof (jsonOrUndefined(answer.text) as { access_token?: unknown })?.access_token ===
            'string'
          : answer.status === 429
            ? code === 'temporarily_unavailable' &&
              retryAfters.has(String(answer.headers['retry-after']))
            : (answer.status === 502 || answer.status === 504) &&
              code === 'temporarily_unavailable';
      if (!mapped) unmapped.push(`request ${index}: ${answer.status} ${answer.text.slice(0, 200)}`);
    });

    const pendingAfter = mock.faults.pending();
    const outcomes = diffTally(before, await upstreamOutcomes(service.url));
    const upstream5xx = Object.entries(outcomes)
      .filter(([outcome]) => /^5\d\d$/.test(outcome))
      .reduce((sum, [, n]) => sum + n, 0);
    const spuriousTimeouts = (outcomes.timeout ?? 0) - (injected.slow ?? 0);

    // Faults stopped: the same service, not restarted, is back to 0 errors.
    mock.faults.clear();
    let recoveryErrors = 0;
    await runPool(RECOVERY_REQUESTS, CONCURRENCY, async (index) => {
      try {
        const answer = await send(index);
        if (answer.status !== 200) recoveryErrors += 1;
      } catch {
        recoveryErrors += 1;
      }
    });

    const figures = {
      requests: REQUESTS,
      concurrency: CONCURRENCY,
      upstreamTimeoutMs: UPSTREAM_TIMEOUT_MS,
      injected,
      answers,
      upstreamOutcomes: outcomes,
      unmappedAnswers: unmapped.length,
      spuriousTimeouts,
      slowestMs: round1(slowest),
      hungPastTimeout: hung,
      recoveryRequests: RECOVERY_REQUESTS,
      recoveryErrors,
    };
    recordFigures(context, { chaos: figures });
    console.log('chaos:', JSON.stringify(figures));

    expect(unmapped.slice(0, 10)).toEqual([]);
    expect(pendingAfter).toBe(0);
    // What the service saw upstream is exactly what was injected (timeouts: at least).
    expect(upstream5xx).toBe(injected['5xx']);
    expect(outcomes.unreachable ?? 0).toBe(injected.reset);
    expect(outcomes['429'] ?? 0).toBe(injected['429']);
    expect(spuriousTimeouts).toBeGreaterThanOrEqual(0);
    // And every answer is the mapped one of an upstream outcome, one for one.
    expect(answers['429'] ?? 0).toBe(outcomes['429'] ?? 0);
    expect(answers['502'] ?? 0).toBe(upstream5xx + (outcomes.unreachable ?? 0));
    expect(answers['504'] ?? 0).toBe(outcomes.timeout ?? 0);
    expect(answers['200'] ?? 0).toBe(outcomes['200'] ?? 0);
    expect(hung).toBe(0);
    expect(recoveryErrors).toBe(0);
  });

  /** One fault, one request, the exact answer core's mapping table gives. */
  const TABLE: { fault: Fault; status: number; error: string; retryAfter?: string }[] = [
    {
      fault: { kind: 'status', status: 500, body: '' },
      status: 502,
      error: 'temporarily_unavailable',
    },
    {
      fault: {
        kind: 'status',
        status: 503,
        body: '<html>down</html>',
        headers: { 'content-type': 'text/html' },
      },
      status: 502,
      error: 'temporarily_unavailable',
    },
    {
      fault: {
        kind: 'status',
        status: 400,
        body: '{"error":"invalid_client","error_description":"Invalid client"}',
      },
      status: 502,
      error: 'server_error',
    },
    {
      fault: {
        kind: 'status',
        status: 400,
        body: '{"error":"invalid_grant","error_description":"Invalid refresh token"}',
      },
      status: 400,
      error: 'invalid_grant',
    },
    {
      fault: {
        kind: 'status',
        status: 415,
        body: '{"error":"server_error","error_description":"Unexpected status: 415"}',
      },
      status: 502,
      error: 'server_error',
    },
    { fault: { kind: 'status', status: 302, body: '' }, status: 502, error: 'server_error' },
    { fault: { kind: 'status', status: 200, body: '{}' }, status: 502, error: 'server_error' },
    { fault: { kind: 'malformed-json' }, status: 502, error: 'server_error' },
    { fault: { kind: 'reset' }, status: 502, error: 'temporarily_unavailable' },
    { fault: { kind: 'delay', ms: SLOW_MS }, status: 504, error: 'temporarily_unavailable' },
    {
      fault: { kind: 'rate-limit', retryAfter: 7 },
      status: 429,
      error: 'temporarily_unavailable',
      retryAfter: '7',
    },
    {
      fault: { kind: 'status', status: 429, body: '', headers: { 'retry-after': 'soon' } },
      status: 429,
      error: 'temporarily_unavailable',
    },
    {
      fault: { kind: 'status', status: 503, body: '', headers: { 'retry-after': '120' } },
      status: 502,
      error: 'temporarily_unavailable',
      retryAfter: '120',
    },
    {
      fault: { kind: 'status', status: 200, body: '{"access_token":"BQx","expires_in":"soon"}' },
      status: 502,
      error: 'server_error',
    },
    // A 100 KB answer: read up to the client's cap, then it fails to parse.
    {
      fault: { kind: 'status', status: 200, body: `{"a":"${'x'.repeat(100_000)}"}` },
      status: 502,
      error: 'server_error',
    },
    { fault: { kind: 'status', status: 200, body: 'null' }, status: 502, error: 'server_error' },
    {
      fault: {
        kind: 'status',
        status: 400,
        body: '<html>bad</html>',
        headers: { 'content-type': 'text/html' },
      },
      status: 502,
      error: 'server_error',
    },
  ];

  it('sequentially, each fault kind gets exactly its mapped answer on swap and refresh', async (context) => {
    let checks = 0;
    for (const row of TABLE) {
      for (const index of [0, 1]) {
        mock.faults.inject('token', row.fault);
        const answer = await send(index);
        const label = `${JSON.stringify(row.fault)} on ${index === 0 ? 'swap' : 'refresh'}`;
        expect(answer.status, label).toBe(row.status);
        expect(errorCodeOf(answer.text), label).toBe(row.error);
        expect(answer.ms, label).toBeLessThan(UPSTREAM_TIMEOUT_MS + HANG_MARGIN_MS);
        if (row.retryAfter !== undefined)
          expect(answer.headers['retry-after'], label).toBe(row.retryAfter);
        expect(mock.faults.pending(), label).toBe(0);
        checks += 1;
      }
    }
    recordFigures(context, { chaosTable: { checks, rows: TABLE.length } });
  });
});
