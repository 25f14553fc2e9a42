import { Readable } from 'node:stream';
import { openRefreshToken, sealRefreshToken } from '@tokenswap/core';
import { type MockAccounts, startMockAccounts } from '@tokenswap/mock-accounts';
import { jsonOrUndefined } from '@tokenswap/test-support';
import { newTestKey, type TestKey } from '@tokenswap/test-support/keys';
import fc from 'fast-check';
import type { Pool } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SwapService, startSwapService } from '../src/start-swap-service.js';
import { type BatchFault, batchFault, type RequestSpec, requestSpec } from './fuzz/arbitraries.js';
import { checkAnswer, type Outcome } from './fuzz/check-answer.js';
import { scanLogLine, secretScanner } from './fuzz/leaks.js';
import {
  chunked,
  type FuzzMaterial,
  type MaterializedRequest,
  materialize,
} from './fuzz/materialize.js';
import { CLIENT_ID, CLIENT_SECRET, SCOPES, serviceEnv } from './support/env.js';
import { recordFigures } from './support/figures.js';
import { keepAlivePool, postForm } from './support/http.js';
import { bump, runSeed } from './support/stats.js';

/** At least this many fuzzed requests per run: batches of 8–12, so 1,250 runs. */
const MIN_REQUESTS = 10_000;
const BATCH = { minLength: 8, maxLength: 12 } as const;
const NUM_RUNS = Math.ceil(MIN_REQUESTS / BATCH.minLength);
const CONNECTIONS = 8;
const LEGACY_SECRET = 'fuzz-legacy-secret';

let mock: MockAccounts;
let service: SwapService;
let key: TestKey;
let pool: Pool;
const logLines: string[] = [];
let material: FuzzMaterial;
const scanner = () => fuzzScanner;
let fuzzScanner: ReturnType<typeof secretScanner>;

beforeAll(async () => {
  mock = await startMockAccounts();
  key = await newTestKey('fuzz');
  service = await startSwapService({
    // Compat routes, and a legacy secret so the legacy openers face the fuzz too.
    env: serviceEnv(mock.url, key, {
      COMPAT_ROUTES: 'true',
      ENCRYPTION_SECRET: LEGACY_SECRET,
      // The oracle budget would answer 429 after 10 failed legacy tokens from 127.0.0.1 and
      // shield the openers from the rest of the fuzz (it is tested in test/legacy).
      LEGACY_FAILED_OPENS_MAX: '0',
      LOG_LEVEL: 'trace',
    }),
    port: 0,
    host: '127.0.0.1',
    // Every log line, at the most verbose level, is kept and scanned for secrets at the end.
    logger: { level: 'trace', stream: { write: (line: string) => void logLines.push(line) } },
  });
  pool = keepAlivePool(service.url, CONNECTIONS);
  fuzzScanner = secretScanner({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    isIssuedRefreshToken: (token) => mock.isIssuedRefreshToken(token),
  });
  const otherKey = await newTestKey('not-in-the-keyring');
  const sealed: string[] = [];
  const upstream: string[] = [];
  for (let i = 0; i < 8; i++) {
    const answer = await postForm(pool, '/swap', { code: mock.mintCode({ scopes: SCOPES }) });
    const token = String(
      (jsonOrUndefined(answer.text) as { refresh_token?: unknown }).refresh_token,
    );
    const opened = await openRefreshToken(token, key.keyring, { clientId: CLIENT_ID });
    if (!opened.ok) throw opened.error;
    sealed.push(token);
    fuzzScanner.rememberLiteral(token);
    upstream.push(opened.value);
    fuzzScanner.remember(opened.value);
  }
  material = {
    sealed,
    upstream,
    otherKeyId: await Promise.all(
      upstream.map((t) => sealRefreshToken(t, otherKey.keyring, { clientId: CLIENT_ID })),
    ),
    otherClient: await Promise.all(
      upstream.map((t) => sealRefreshToken(t, key.keyring, { clientId: 'another-app' })),
    ),
    legacySecret: LEGACY_SECRET,
    mintCode: () => {
      const code = mock.mintCode({ scopes: SCOPES });
      fuzzScanner.remember(code);
      return code;
    },
  };
});
afterAll(async () => {
  await pool?.close();
  await service?.close();
  await mock?.close();
});

async function send(request: MaterializedRequest): Promise<Outcome> {
  try {
    const body =
      request.body === undefined
        ? undefined
        : request.chunks === undefined
          ? request.body
          : // A stream of unknown length: undici sends it with Transfer-Encoding: chunked.
            Readable.from(chunked(request.body, request.chunks));
    const response = await pool.request({
      method: request.method,
      path: request.path,
      headers: request.headers,
      body,
    });
    const text = await response.body.text();
    return { kind: 'answer', status: response.statusCode, headers: response.headers, text };
  } catch (error) {
    return { kind: 'error', error: error as Error & { code?: string } };
  }
}

/** Keeps a sealed token from a 2xx swap answer's upstream token on the "never echo" list. */
async function rememberUpstreamOf(text: string): Promise<void> {
  const token = (jsonOrUndefined(text) as { refresh_token?: unknown } | undefined)?.refresh_token;
  if (typeof token !== 'string') return;
  const opened = await openRefreshToken(token, key.keyring, { clientId: CLIENT_ID });
  if (opened.ok) scanner().remember(opened.value);
}

function describeRequest(spec: RequestSpec, sent: MaterializedRequest): string {
  const body =
    sent.body === undefined
      ? 'no body'
      : `${sent.body.length} bytes${sent.chunks ? ' chunked' : ''}`;
  return `${spec.method} ${sent.path.slice(0, 120)} [${JSON.stringify(sent.headers).slice(0, 200)}] ${body}: ${JSON.stringify(spec.body).slice(0, 400)}`;
}

describe('HTTP fuzzing', () => {
  it(`at least ${MIN_REQUESTS} generated requests: no unmapped 5xx, JSON errors, no secrets, a normal swap right after`, async (context) => {
    const seed = runSeed();
    console.log(`fuzz seed ${seed} (replay: HARDENING_SEED=${seed} pnpm test:hardening)`);
    const totals = {
      requestsFuzzed: 0,
      notSent: 0,
      normalSwapsAfter: 0,
      fiveXx: 0,
      unmappedFiveXx: 0,
      secretsInBodies: 0,
      byStatus: {} as Record<string, number>,
      batchesWithUpstreamFaults: 0,
      upstreamFaultsConsumed: 0,
      fiveXxByDescription: {} as Record<string, number>,
    };
    const started = performance.now();
    let failure: unknown;
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(requestSpec, BATCH),
          batchFault,
          async (batch, upstreamFault?: BatchFault) => {
            mock.journal.clear();
            mock.faults.clear();
            if (upstreamFault !== undefined) {
              mock.faults.inject('token', upstreamFault.fault, upstreamFault.count);
              totals.batchesWithUpstreamFaults += 1;
            }
            const sent = batch.map((spec) => materialize(spec, material));
            const outcomes = await Promise.all(sent.map(send));
            const journal = mock.journal.entries();
            // Faults taken by this batch's token calls. A malformed-JSON answer is journaled as
            // 200 but is an upstream failure all the same.
            const consumed =
              upstreamFault === undefined ? 0 : upstreamFault.count - mock.faults.pending();
            mock.faults.clear();
            totals.upstreamFaultsConsumed += consumed;
            const malformedConsumed = upstreamFault?.fault.kind === 'malformed-json' ? consumed : 0;
            const problems: string[] = [];
            let fiveXx = 0;
            for (const [i, outcome] of outcomes.entries()) {
              const spec = batch[i] as RequestSpec;
              const request = sent[i] as MaterializedRequest;
              const verdict = checkAnswer(spec, request, outcome, scanner());
              if (verdict.notSent) {
                totals.notSent += 1;
                continue;
              }
              totals.requestsFuzzed += 1;
              if (outcome.kind === 'answer') {
                bump(totals.byStatus, String(outcome.status));
                if (outcome.status === 200) await rememberUpstreamOf(outcome.text);
              }
              if (verdict.fiveXx) {
                fiveXx += 1;
                totals.fiveXx += 1;
                if (outcome.kind === 'answer') {
                  const description = (
                    jsonOrUndefined(outcome.text) as { error_description?: unknown }
                  )?.error_description;
                  bump(
                    totals.fiveXxByDescription,
                    `${outcome.status} ${String(description).slice(0, 100)}`,
                  );
                }
              }
              if (verdict.unmappedFiveXx) totals.unmappedFiveXx += 1;
              if (verdict.leaks.length > 0) totals.secretsInBodies += 1;
              for (const problem of verdict.problems)
                problems.push(`${problem}\n    request: ${describeRequest(spec, request)}`);
            }
            // A 5xx is only right when the accounts service failed that request: never more
            // 5xx answers than failed upstream calls (journal status >= 400, 0 for a reset, or a
            // malformed answer).
            const upstreamFailures =
              journal.filter((entry) => entry.status >= 400 || entry.status === 0).length +
              malformedConsumed;
            if (fiveXx > upstreamFailures) {
              totals.unmappedFiveXx += fiveXx - upstreamFailures;
              problems.push(
                `${fiveXx} 5xx answers but only ${upstreamFailures} failed upstream calls`,
              );
            }
            // And the service still does its job right after.
            const normal = await postForm(pool, '/swap', { code: material.mintCode() });
            if (
              normal.status !== 200 ||
              !/^v1\./.test(
                String(
                  (jsonOrUndefined(normal.text) as { refresh_token?: unknown })?.refresh_token,
                ),
              )
            ) {
              problems.push(
                `a normal swap right after failed: ${normal.status} ${normal.text.slice(0, 200)}`,
              );
            } else {
              totals.normalSwapsAfter += 1;
              await rememberUpstreamOf(normal.text);
            }
            if (problems.length > 0) throw new Error(problems.join('\n  '));
          },
        ),
        { seed, numRuns: NUM_RUNS, verbose: fc.VerbosityLevel.Verbose, endOnFailure: false },
      );
    } catch (error) {
      failure = error;
    }

    // Every log line of the run: no secret, code or upstream refresh token.
    let secretsInLogs = 0;
    let requestBytesInLogs = 0;
    const logExamples: string[] = [];
    for (const line of logLines) {
      const leaks = scanLogLine(line, scanner());
      if (leaks.includes('request bytes')) requestBytesInLogs += 1;
      if (leaks.length > 0) {
        secretsInLogs += 1;
        if (logExamples.length < 3) logExamples.push(`${leaks.join(', ')}: ${line.slice(0, 300)}`);
      }
    }
    const figures = {
      seed,
      requestsFuzzed: totals.requestsFuzzed,
      normalSwapsAfter: totals.normalSwapsAfter,
      byStatus: totals.byStatus,
      fiveXx: totals.fiveXx,
      unmappedFiveXx: totals.unmappedFiveXx,
      secretsInBodies: totals.secretsInBodies,
      secretsInLogs,
      requestBytesInLogs,
      logLevel: 'trace',
      errorsNotInCatalogue: logLines.filter((line) => line.includes('error not in the catalogue'))
        .length,
      batchesWithUpstreamFaults: totals.batchesWithUpstreamFaults,
      upstreamFaultsConsumed: totals.upstreamFaultsConsumed,
      logLinesScanned: logLines.length,
      durationMs: Math.round(performance.now() - started),
    };
    recordFigures(context, { fuzz: figures });
    // Evidence the legacy openers were reached: refreshes served from legacy tokens.
    const legacy = await service.app.tokenswap.metrics.legacyRefreshes.get();
    const legacyRefreshes = legacy.values.reduce((sum, v) => sum + v.value, 0);
    console.log(
      'fuzz:',
      JSON.stringify({
        ...figures,
        legacyRefreshes,
        notSentByClient: totals.notSent,
        fiveXxByDescription: totals.fiveXxByDescription,
      }),
    );
    if (failure !== undefined) throw failure;
    expect(logExamples).toEqual([]);
    expect(figures.errorsNotInCatalogue).toBe(0);
    expect(totals.requestsFuzzed).toBeGreaterThanOrEqual(MIN_REQUESTS);
    expect(totals.unmappedFiveXx).toBe(0);
  });
});
