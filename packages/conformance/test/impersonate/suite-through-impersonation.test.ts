import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  type CaseResult,
  type ConformanceOptions,
  type ConformanceReport,
  runConformance,
} from '../../src/index.js';
import { runCli } from '../helpers/cli.js';
import { FAST } from '../helpers/fixtures.js';
import { findOnPath, nodeSupportsEnvProxy } from './spawn-fixture.js';

// Issue 12's done-criterion: unmodified servers that hard-code https://accounts.spotify.com are
// judged by the whole suite — through runConformance and the CLI with `impersonate` — and get
// the verdict their code earns. The fixtures are minimal pass-through servers (Spotify's answer
// goes to the app as it came), so they fail the same cases as the old servers do for it.

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const quote = (value: string) => JSON.stringify(value);

/**
 * What a minimal pass-through server fails (measured once, asserted exactly):
 * - SWAP-003, SEC-003: Spotify's own refresh token goes to the app in clear;
 * - PKCE-001: code_verifier is not forwarded, so upstream refuses a PKCE code (400);
 * - ERR-011: any body is read as a form, so an octet-stream body with a valid code swaps (200);
 * - SEC-001: no Cache-Control: no-store;
 * - FAULT-003/FAULT-007: no upstream timeout, so a stalled upstream outlasts the bound;
 * - FAULT-004/FAULT-008: malformed upstream JSON is passed on as 200;
 * - FAULT-009: the mock's empty 503 is passed on empty; FAULT-010: no Retry-After passed on.
 */
const PASS_THROUGH_FAILED = [
  'SWAP-003',
  'PKCE-001',
  'ERR-011',
  'SEC-001',
  'SEC-003',
  'FAULT-003',
  'FAULT-004',
  'FAULT-007',
  'FAULT-008',
  'FAULT-009',
  'FAULT-010',
];
/** Ruby's loop decodes the form outside its `rescue`: junk bytes kill the connection (ERR-013). */
const RUBY_FAILED = [
  ...PASS_THROUGH_FAILED.slice(0, PASS_THROUGH_FAILED.indexOf('SEC-001')),
  'ERR-013',
  ...PASS_THROUGH_FAILED.slice(PASS_THROUGH_FAILED.indexOf('SEC-001')),
];
/**
 * Skipped, with their reasons: the PKCE-based cases (PKCE-001 failed), the REF cases (no
 * --token-mode reference), SEC-005 (no per-instance secret to tell two deployments apart).
 */
const SKIPPED = ['REFRESH-005', 'PKCE-002', 'REF-001', 'REF-002', 'SEC-005'];

/** The Node client env names the Node fixtures read. */
const NODE_ENV = {
  SPOTIFY_CLIENT_ID: '{client_id}',
  SPOTIFY_CLIENT_SECRET: '{client_secret}',
  SPOTIFY_CLIENT_CALLBACK: '{redirect_uri}',
  PORT: '{port}',
};

/** Parallel requests in the LOAD cases: each one is a CONNECT and a TLS handshake upstream. */
const LOAD = 4;

function impersonatedRun(command: string, env: Record<string, string>): ConformanceOptions {
  return {
    swapUrl: 'http://127.0.0.1:{port}/swap',
    refreshUrl: 'http://127.0.0.1:{port}/refresh',
    spawn: { command, env },
    impersonate: true,
    ...FAST,
    load: LOAD,
  };
}

const ids = (results: readonly CaseResult[], status: CaseResult['status']) =>
  results.filter((r) => r.status === status).map((r) => r.id);

/** IMP-001 leads and passed; exactly `failed` failed and SKIPPED were skipped, each with a reason. */
function expectVerdict(report: ConformanceReport, failed: readonly string[]): void {
  expect(report.results[0]).toMatchObject({ id: 'IMP-001', level: 'MUST', status: 'passed' });
  expect(report.results[0]?.message).toBeUndefined();
  const failures = report.results
    .filter((r) => r.status === 'failed')
    .map((r) => `${r.id}: ${r.message}`);
  expect(ids(report.results, 'failed'), failures.join('\n')).toEqual(failed);
  expect(ids(report.results, 'skipped')).toEqual(SKIPPED);
  const skipped = report.results.filter((r) => r.status === 'skipped');
  expect(skipped.every((r) => (r.message ?? '').length > 0)).toBe(true);
  expect(report.ok).toBe(false);
  expect(JSON.stringify(report)).not.toContain('tokenswap-demo-secret');
}

/** A Node whose `https` honours NODE_USE_ENV_PROXY: this one, or TOKENSWAP_TEST_NODE24. */
const envProxyNode = nodeSupportsEnvProxy(process.version)
  ? process.execPath
  : process.env.TOKENSWAP_TEST_NODE24;
const ruby = findOnPath('ruby');
const inCi = Boolean(process.env.CI);

describe('the whole suite through --impersonate, against unmodified servers', () => {
  it("a Node server on undici's EnvHttpProxyAgent: IMP-001 passes, the pass-through failures and nothing else", async () => {
    const report = await runConformance(
      impersonatedRun(`${quote(process.execPath)} ${quote(fixture('node-undici-server.mjs'))}`, {
        ...NODE_ENV,
      }),
    );
    expectVerdict(report, PASS_THROUGH_FAILED);
  });

  it.skipIf(envProxyNode === undefined)(
    `a Node server on node:https under NODE_USE_ENV_PROXY=1 gets the same verdict${
      envProxyNode === undefined
        ? ` (skipped: Node ${process.version} lacks NODE_USE_ENV_PROXY, which needs >= 22.21/24.5; set TOKENSWAP_TEST_NODE24 to such a Node)`
        : ''
    }`,
    async () => {
      const report = await runConformance(
        impersonatedRun(
          `${quote(envProxyNode ?? '')} ${quote(fixture('node-https-server.mjs'))}`,
          NODE_ENV,
        ),
      );
      expectVerdict(report, PASS_THROUGH_FAILED);
    },
  );

  it.skipIf(ruby === undefined && !inCi)(
    `a Ruby Net::HTTP server, through the CLI: IMP-001 passes, the pass-through failures plus ERR-013${
      ruby === undefined ? ' (skipped: ruby is not installed; apt-get install -y ruby)' : ''
    }`,
    async () => {
      if (ruby === undefined) throw new Error('ruby is required in CI: apt-get install -y ruby');
      const run = await runCli([
        '--impersonate',
        '--spawn',
        `${quote(ruby)} ${quote(fixture('ruby-net-http-server.rb'))}`,
        ...[
          '--env',
          'SPOTIFY_CLIENT_ID={client_id}',
          '--env',
          'SPOTIFY_CLIENT_SECRET={client_secret}',
        ],
        ...['--env', 'SPOTIFY_CLIENT_CALLBACK_URL={redirect_uri}', '--env', 'PORT={port}'],
        ...['--swap-url', 'http://127.0.0.1:{port}/swap'],
        ...['--refresh-url', 'http://127.0.0.1:{port}/refresh'],
        // Bounds above the resolver's 5 s timeout: Net::HTTP resolves the target host before
        // choosing the proxy, and where DNS is absent (a sandbox) a lookup can stall that long.
        ...['--timeout-bound', '6', '--slow-delay', '7'],
        ...['--load', String(LOAD), '--reporter', 'json'],
      ]);
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toMatch(/impersonating accounts\.spotify\.com, api\.spotify\.com/);
      expectVerdict(JSON.parse(run.stdout) as ConformanceReport, RUBY_FAILED);
    },
  );

  it('a server that ignores the proxy gets IMP-001 failed, and the swap with it', async () => {
    // node:https without NODE_USE_ENV_PROXY ignores HTTPS_PROXY on every Node; the user's --env
    // wins over the impersonation's, so '' turns it off. contain-dns keeps the bypassing call
    // on this machine.
    const report = await runConformance({
      ...impersonatedRun(`${quote(process.execPath)} ${quote(fixture('node-https-server.mjs'))}`, {
        ...NODE_ENV,
        NODE_USE_ENV_PROXY: '',
        NODE_OPTIONS: `--require ${quote(fixture('contain-dns.cjs'))}`,
      }),
      only: ['IMP-001', 'SWAP-001'],
    });
    // One cause, one failure: the swap is blocked by IMP-001, not failed beside it.
    expect(report.results.map((r) => [r.id, r.status, r.blockedBy])).toEqual([
      ['IMP-001', 'failed', undefined],
      ['SWAP-001', 'skipped', 'IMP-001'],
    ]);
    expect(report.results[0]?.message).toMatch(/never connected through the proxy/);
    // The hint names what works on Node 20, where NODE_USE_ENV_PROXY does nothing.
    expect(report.results[0]?.message).toMatch(/on Node 20 it does nothing/);
    expect(report.results[0]?.message).toContain('-r global-agent/bootstrap');
    expect(report.rootCauses.map((c) => [c.id, c.blocks])).toEqual([['IMP-001', ['SWAP-001']]]);
    expect(report.summary.mustFailed).toBe(1);
  });

  it('the same server preloaded with global-agent (the Node 20 hint) reaches the mock', async () => {
    // NODE_USE_ENV_PROXY is emptied, so on any Node it is global-agent that tunnels.
    const bootstrap = createRequire(import.meta.url).resolve('global-agent/bootstrap');
    const report = await runConformance({
      ...impersonatedRun(
        `${quote(process.execPath)} -r ${quote(bootstrap)} ${quote(fixture('node-https-server.mjs'))}`,
        { ...NODE_ENV, NODE_USE_ENV_PROXY: '' },
      ),
      only: ['IMP-001', 'SWAP-001'],
    });
    expect(report.results.map((r) => [r.id, r.status])).toEqual([
      ['IMP-001', 'passed'],
      ['SWAP-001', 'passed'],
    ]);
  });

  it('without --spawn, prints the environment to start the server with (stderr)', async () => {
    const run = await runCli([
      '--impersonate',
      ...['--swap-url', 'http://127.0.0.1:9/swap', '--refresh-url', 'http://127.0.0.1:9/refresh'],
      ...['--only', 'IMP-001', '--timeout-bound', '1', '--slow-delay', '2'],
    ]);
    expect(run.stderr).toMatch(/^export HTTPS_PROXY='http:\/\/127\.0\.0\.1:\d+'$/m);
    expect(run.stderr).toMatch(/^export NODE_EXTRA_CA_CERTS='\/.+\.pem'$/m);
    expect(run.stdout).toMatch(/IMP-001/);
    expect(run.code).toBe(1);
  });

  it('without --impersonate there is no IMP-001, and naming it is not a usage error', async () => {
    const run = await runCli([
      ...['--swap-url', 'http://127.0.0.1:9/swap', '--refresh-url', 'http://127.0.0.1:9/refresh'],
      ...['--only', 'IMP-001', '--reporter', 'json'],
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as ConformanceReport).results).toEqual([]);
    expect(run.stderr).not.toMatch(/export HTTPS_PROXY/);
  });
});
