/**
 * Small node:http helpers for set-up work (control API, sanity checks, readiness polling).
 * node:http rather than fetch: Node 20 loads fetch's bundled undici lazily on first use, which
 * would add tens of milliseconds to the first cold-start sample.
 */
import http from 'node:http';
import net from 'node:net';

const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 32 });

/**
 * One HTTP request; resolves with status, headers and the body as text (never rejects on a
 * status, only on a network error or the timeout).
 * @param {{ url: string, method?: string, headers?: Record<string, string>, body?: string, timeoutMs?: number, agent?: http.Agent | false }} req
 * @returns {Promise<{ status: number, headers: http.IncomingHttpHeaders, text: string }>}
 */
export function request({ url, method = 'GET', headers = {}, body, timeoutMs = 10_000, agent }) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method, headers, agent: agent === undefined ? keepAlive : agent, timeout: timeoutMs },
      (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timeout after ${timeoutMs} ms: ${url}`)));
    req.on('error', reject);
    if (body !== undefined) req.end(body);
    else req.end();
  });
}

/** POSTs JSON and parses the JSON answer; throws with the body if the status is not 2xx. */
export async function postJson(url, payload) {
  const res = await request({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  });
  if (res.status < 200 || res.status > 299) {
    throw new Error(`POST ${url} answered ${res.status}: ${res.text.slice(0, 300)}`);
  }
  return JSON.parse(res.text);
}

/** POSTs an application/x-www-form-urlencoded body; returns status and parsed JSON (or text). */
export async function postForm(url, form, headers = {}) {
  const res = await request({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form).toString(),
  });
  let json;
  try {
    json = JSON.parse(res.text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text: res.text };
}

/** A TCP port that was free a moment ago on 127.0.0.1 (the child binds it right after). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {net.AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls `url` until `accept(status)` holds; resolves with the time (performance.now()) of the
 * first accepted answer. Each poll uses a fresh connection (agent false) as a real health check
 * would, and a refused connection just means "not yet".
 * @param {string} url
 * @param {{ accept?: (status: number) => boolean, intervalMs?: number, timeoutMs?: number, isAlive?: () => boolean }} [options]
 */
export async function waitUntilReady(url, options = {}) {
  const { accept = (s) => s === 200, intervalMs = 5, timeoutMs = 15_000, isAlive } = options;
  const deadline = performance.now() + timeoutMs;
  let last = 'no answer';
  while (performance.now() < deadline) {
    if (isAlive && !isAlive()) throw new Error(`process exited before ${url} was ready`);
    try {
      const res = await request({ url, agent: false, timeoutMs: 2_000 });
      if (accept(res.status)) return performance.now();
      last = `status ${res.status}: ${res.text.slice(0, 200)}`;
    } catch (error) {
      last = /** @type {Error} */ (error).message;
    }
    await sleep(intervalMs);
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms (last: ${last})`);
}
