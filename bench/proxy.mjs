/**
 * A minimal pass-through proxy: the cheapest server that could sit where the swap service sits.
 * Fastify (as the swap service) + one undici Pool to the upstream; the body is forwarded as raw
 * bytes with no parsing, no validation, no crypto, no logging. Its throughput and latency are
 * the practical limit for any swap server in front of the same upstream: the cost of one hop.
 *
 * Flags: --upstream <origin> (required, e.g. http://127.0.0.1:4000), --port <n> (default 0),
 * --host <host> (default 127.0.0.1). Prints `proxy listening on <url>` once it listens.
 *
 *   node bench/proxy.mjs --upstream http://127.0.0.1:4000 --port 4100
 */
import { parseArgs } from 'node:util';
import { loadFastify, loadUndici } from './lib/deps.mjs';

/** Request headers the upstream token endpoint needs; everything else stays behind. */
const FORWARDED_REQUEST_HEADERS = ['content-type', 'authorization', 'accept'];
/** Response headers worth passing back (hop-by-hop and framing headers are Fastify's job). */
const FORWARDED_RESPONSE_HEADERS = ['content-type', 'cache-control', 'pragma', 'retry-after'];

const { values: flags } = parseArgs({
  options: {
    upstream: { type: 'string' },
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
  },
});
const upstreamUrl = flags.upstream;
if (!upstreamUrl) {
  console.error('--upstream <origin> is required (where to forward to)');
  process.exit(2);
}

// Default Pool options: keep-alive connections, as many as the load needs.
const pool = new (loadUndici().Pool)(upstreamUrl);
const app = loadFastify()({ logger: false });

// Every body is taken as raw bytes, whatever its content type: a pass-through never parses.
app.removeAllContentTypeParsers();
app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

// Readiness answered locally, so a cold-start probe measures start-up, not a first upstream call.
app.get('/__proxy/ready', async () => ({ ready: true }));

app.all('/*', async (request, reply) => {
  const headers = {};
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = request.headers[name];
    if (value !== undefined) headers[name] = value;
  }
  try {
    const upstream = await pool.request({
      method: request.method,
      path: request.url,
      headers,
      body: request.body,
    });
    const body = Buffer.from(await upstream.body.arrayBuffer());
    reply.code(upstream.statusCode);
    for (const name of FORWARDED_RESPONSE_HEADERS) {
      const value = upstream.headers[name];
      if (value !== undefined) reply.header(name, value);
    }
    return reply.send(body);
  } catch {
    return reply
      .code(502)
      .send({ error: 'temporarily_unavailable', error_description: 'Upstream unreachable' });
  }
});

const close = async () => {
  await app.close();
  await pool.close();
  process.exit(0);
};
process.once('SIGTERM', close);
process.once('SIGINT', close);

const address = await app.listen({
  port: Number(flags.port),
  host: flags.host,
});
console.log(`proxy listening on ${address} -> ${upstreamUrl}`);
