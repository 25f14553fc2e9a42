/**
 * CPU per upstream call of the token client against the shapes it replaced, in one process,
 * against a keep-alive upstream in a child process (so only the client's CPU is counted). A
 * script, not a test: it prints same-run ratios and never fails on a number.
 *
 *   pnpm --filter @tokenswap/swap-service bench:upstream [--calls 8000] [--rounds 5]
 *
 * Rows, interleaved round by round (median of the rounds):
 * - `request + AbortController + for await`: the client before issue 18 (a timer and an
 *   `AbortController` per call, the body read as a stream into `Buffer.concat`);
 * - `request + body.text()`: undici's `request()` with the body read in one go, no timer;
 * - `createTokenClient`: the service's client (a dispatch handler with one timer per call, the
 *   pool's `maxResponseSize`, no `AbortController`).
 */
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { buildRefreshTokenRequest, type UpstreamRequest } from '@tokenswap/core';
import { Pool } from 'undici';
import { createTokenClient } from '../src/upstream/token-client.js';

const { values } = parseArgs({
  options: { calls: { type: 'string', default: '8000' }, rounds: { type: 'string', default: '5' } },
});
const CALLS = Number(values.calls);
const ROUNDS = Number(values.rounds);
const IN_FLIGHT = 10;
const TIMEOUT_MS = 10_000;

// A token answer of the usual size (~300 bytes), with Content-Length, on keep-alive connections.
const upstreamSource = `
const body = JSON.stringify({ access_token: 'a'.repeat(180), token_type: 'Bearer', expires_in: 3600, scope: 'user-read-private' });
require('node:http').createServer((req, res) => {
  req.resume();
  req.on('end', () => res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body));
}).listen(0, '127.0.0.1', function () { console.log(this.address().port); });`;
const upstream = spawn(process.execPath, ['-e', upstreamSource], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const port = await new Promise<number>((resolve) =>
  upstream.stdout.once('data', (data) => resolve(Number(String(data)))),
);
const accountsUrl = `http://127.0.0.1:${port}`;
const request = buildRefreshTokenRequest({
  accountsUrl,
  client: { clientId: 'bench', clientSecret: 'secret' },
  refreshToken: 'r'.repeat(40),
});

const poolOptions = {
  connections: 32,
  connectTimeout: TIMEOUT_MS,
  headersTimeout: TIMEOUT_MS,
  bodyTimeout: TIMEOUT_MS,
  keepAliveTimeout: 4_000,
};
const oldPool = new Pool(accountsUrl, poolOptions);
const textPool = new Pool(accountsUrl, { ...poolOptions, maxResponseSize: 64 * 1024 });
const client = createTokenClient({ timeoutMs: TIMEOUT_MS });

function undiciOptions(r: UpstreamRequest) {
  const url = new URL(r.url);
  return { method: r.method, path: url.pathname, headers: r.headers, body: r.body };
}

const rows: Record<string, () => Promise<string>> = {
  'request + AbortController + for await': async () => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
    try {
      const response = await oldPool.request({
        ...undiciOptions(request),
        signal: controller.signal,
      });
      const chunks: Buffer[] = [];
      for await (const chunk of response.body) chunks.push(Buffer.from(chunk));
      return Buffer.concat(chunks).toString('utf8');
    } finally {
      clearTimeout(timer);
    }
  },
  'request + body.text()': async () => {
    const response = await textPool.request(undiciOptions(request));
    return response.body.text();
  },
  createTokenClient: async () => {
    const answer = await client.send(request);
    if (!answer.ok) throw answer.error;
    return answer.value.bodyText;
  },
};

/** CPU µs per call of `calls` calls, `IN_FLIGHT` at a time. */
async function cpuPerCall(call: () => Promise<string>, calls: number): Promise<number> {
  let left = calls;
  const before = process.cpuUsage();
  const loop = async () => {
    while (left-- > 0) if ((await call()).length < 100) throw new Error('short answer');
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, loop));
  const used = process.cpuUsage(before);
  return (used.user + used.system) / calls;
}

for (const call of Object.values(rows)) await cpuPerCall(call, 2_000); // warm-up
const samples = new Map(Object.keys(rows).map((name) => [name, [] as number[]]));
for (let round = 0; round < ROUNDS; round += 1) {
  for (const [name, call] of Object.entries(rows))
    samples.get(name)?.push(await cpuPerCall(call, CALLS));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? Number.NaN;
const baseline = median(samples.get('request + AbortController + for await') ?? []);
console.log(
  `| client (${CALLS} calls × ${ROUNDS} rounds, ${IN_FLIGHT} in flight) | CPU µs/call | vs before |`,
);
console.log('| --- | --- | --- |');
for (const [name, xs] of samples) {
  console.log(`| ${name} | ${median(xs).toFixed(1)} | ${(median(xs) / baseline).toFixed(2)}× |`);
}
await Promise.all([oldPool.close(), textPool.close(), client.close()]);
upstream.kill();
