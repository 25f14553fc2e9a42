#!/usr/bin/env node
// Token-endpoint throughput of the mock: refresh grants with autocannon on loopback, against a
// mock started in its own process (the CLI), so the load generator does not share its event
// loop. Prints req/s, latency p50/p99 and errors. Needs a build first (`pnpm build`).
//
//   node bench/token.bench.mjs [--duration 8] [--connections 10]
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';

const BIN = fileURLToPath(new URL('../bin/tokenswap-mock-accounts.js', import.meta.url));
const BASIC = `Basic ${Buffer.from('tokenswap-demo-client:tokenswap-demo-secret').toString('base64')}`;
const FORM = { 'content-type': 'application/x-www-form-urlencoded', authorization: BASIC };

/** Starts the CLI on a free port and resolves with its URL and a stop function. */
export function startMockProcess(args = []) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, '--port', '0', ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve({ url: match[1], stop: () => child.kill('SIGTERM') });
    });
    child.on('exit', (code) => reject(new Error(`mock exited with ${code}`)));
  });
}

/** Gets a refresh token from the mock through its control API and the token endpoint. */
async function refreshTokenFrom(url) {
  const minted = await fetch(`${url}/__mock/codes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  const { code } = await minted.json();
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    code,
    redirect_uri: 'http://127.0.0.1:8888/callback',
  });
  const res = await fetch(`${url}/api/token`, { method: 'POST', headers: FORM, body });
  const tokens = await res.json();
  return tokens.refresh_token;
}

/**
 * Runs the refresh-grant benchmark and returns autocannon's numbers.
 * @param {{ duration?: number, connections?: number }} options
 */
export async function benchRefreshGrant({ duration = 8, connections = 10 } = {}) {
  // rotation off: every request refreshes the same token, as a swap service's steady state.
  const mock = await startMockProcess(['--rotation', 'off']);
  try {
    const refreshToken = await refreshTokenFrom(mock.url);
    const result = await autocannon({
      url: `${mock.url}/api/token`,
      method: 'POST',
      headers: FORM,
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
      }).toString(),
      duration,
      connections,
    });
    return {
      requestsPerSecond: result.requests.average,
      latencyP50: result.latency.p50,
      latencyP99: result.latency.p99,
      errors: result.errors,
      timeouts: result.timeouts,
      non2xx: result.non2xx,
      total: result.requests.total,
    };
  } finally {
    mock.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { duration: { type: 'string' }, connections: { type: 'string' } },
  });
  const duration = Number(values.duration ?? 8);
  const connections = Number(values.connections ?? 10);
  const r = await benchRefreshGrant({ duration, connections });
  console.log(
    `mock-accounts POST /api/token (refresh_token grant), ${connections} connections, ${duration} s`,
  );
  console.log(`  requests/s   ${r.requestsPerSecond.toFixed(0)}`);
  console.log(`  latency p50  ${r.latencyP50} ms`);
  console.log(`  latency p99  ${r.latencyP99} ms`);
  console.log(`  requests     ${r.total}`);
  console.log(`  errors       ${r.errors} (timeouts ${r.timeouts}, non-2xx ${r.non2xx})`);
  if (r.errors > 0 || r.non2xx > 0) process.exitCode = 1;
}
