import { TokenSwapError } from '@tokenswap/core';
import { carriesRequestBytes, decodedViews } from '@tokenswap/test-support/log-views';
import { type RawAnswer, rawExchange, rawPost } from '@tokenswap/test-support/raw-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVICE_ERRORS, type ServiceErrorName, serviceError } from '../src/errors.js';
import { injectableApp } from './helpers/app.js';
import { type Stack, startStack } from './helpers/stack.js';

/**
 * What Fastify and Node's HTTP parser answer for the service, over real sockets: each must be
 * the catalogue's OAuth JSON error with `Cache-Control: no-store`, and the log (at trace) must
 * never carry the request's bytes.
 */

const logLines: string[] = [];
let stack: Stack;
let port: number;

beforeAll(async () => {
  stack = await startStack({
    env: { CORS_ORIGINS: 'https://app.example.com', HEADERS_TIMEOUT_MS: '1000' },
    logStream: { write: (line) => void logLines.push(line) },
  });
  port = Number(new URL(stack.service.url).port);
});
afterAll(async () => {
  await stack?.close();
});

const FORM = 'application/x-www-form-urlencoded';
const head = (lines: string) => `POST /swap HTTP/1.1\r\nHost: 127.0.0.1\r\n${lines}\r\n`;

/** The answer is exactly the catalogue's error `name`, with the token headers. */
function expectCatalogued(
  answer: RawAnswer | undefined,
  name: ServiceErrorName,
  detail?: unknown,
): void {
  expect(answer, `${name}: no answer`).toBeDefined();
  const a = answer as RawAnswer;
  const error = serviceError(name, detail as never);
  expect(a.status, a.body).toBe(SERVICE_ERRORS[name].status);
  expect(a.headers['content-type']).toMatch(/^application\/json/);
  expect(a.headers['cache-control']).toBe('no-store');
  expect(a.headers.pragma).toBe('no-cache');
  expect(JSON.parse(a.body)).toEqual(error.toJSON());
  if (error.retryAfter !== undefined)
    expect(a.headers['retry-after']).toBe(String(error.retryAfter));
}

const PARSER_CASES: [string, string | Buffer, ServiceErrorName][] = [
  ['a garbage request line', 'HELLO THERE\r\n\r\n', 'notHttp'],
  [
    'a chunk size that is not hex',
    `${head(`Content-Type: ${FORM}\r\nTransfer-Encoding: chunked\r\n`)}zz\r\ncode=abc\r\n0\r\n\r\n`,
    'notHttp',
  ],
  [
    'Transfer-Encoding with Content-Length',
    `${head(`Content-Type: ${FORM}\r\nContent-Length: 8\r\nTransfer-Encoding: chunked\r\n`)}8\r\ncode=abc\r\n0\r\n\r\n`,
    'notHttp',
  ],
  [
    'two Content-Length headers',
    `${head(`Content-Type: ${FORM}\r\nContent-Length: 8\r\nContent-Length: 9\r\n`)}code=abc`,
    'notHttp',
  ],
  ['a NUL in a header', `${head('X-Junk: a\0b\r\nContent-Length: 0\r\n')}`, 'notHttp'],
  [
    'bare LF line endings',
    'POST /swap HTTP/1.1\nHost: 127.0.0.1\nContent-Length: 0\n\n',
    'notHttp',
  ],
  ['an HTTP/2 preface', 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'notHttp'],
  [
    'a 20 KB header',
    `${head(`X-Junk: ${'a'.repeat(20_000)}\r\nContent-Length: 0\r\n`)}`,
    'headersTooLarge',
  ],
];

describe("what Node's parser refuses", () => {
  it.each(PARSER_CASES)('%s: the JSON error, Connection: close', async (_label, bytes, name) => {
    const exchange = await rawExchange(port, bytes);
    expectCatalogued(exchange.answers[0], name);
    expect(exchange.answers[0]?.headers.connection).toBe('close');
  });

  it('a head that does not arrive in HEADERS_TIMEOUT_MS: 408 for silent and half-sent heads', async () => {
    const started = performance.now();
    const [silent, half] = await Promise.all([
      rawExchange(port, '', { waitMs: 5_000 }),
      rawExchange(port, 'POST /swap HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A', { waitMs: 5_000 }),
    ]);
    for (const exchange of [silent, half]) {
      expectCatalogued(exchange.answers[0], 'headersTimeout', 1_000);
      expect(exchange.answers[0]?.headers.connection).toBe('close');
    }
    // 1 s timeout, checked every second at most: well before the 5 s wait.
    expect(performance.now() - started).toBeLessThan(4_000);
  });
});

describe('methods', () => {
  it.each(['TRACE', 'PROPFIND', 'SEARCH', 'PURGE', 'PUT'])(
    '%s on a token path: 405 with Allow',
    async (method) => {
      const exchange = await rawExchange(
        port,
        `${method} /swap HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: 0\r\n\r\n`,
      );
      expectCatalogued(exchange.answers[0], 'methodNotAllowed', method);
      expect(exchange.answers[0]?.headers.allow).toBe('POST, OPTIONS');
    },
  );

  it('CONNECT: 405 with Allow, then the connection closes', async () => {
    const exchange = await rawExchange(
      port,
      'CONNECT evil.example:443 HTTP/1.1\r\nHost: evil.example:443\r\n\r\n',
    );
    expectCatalogued(exchange.answers[0], 'methodNotAllowed', 'CONNECT');
    expect(exchange.answers[0]?.headers.allow).toBe('GET, HEAD, POST');
    expect(exchange.answers[0]?.headers.connection).toBe('close');
  });

  it('with CORS_ORIGINS set, OPTIONS without preflight headers is a JSON 400; a preflight is 204', async () => {
    const plain = await rawExchange(port, 'OPTIONS /swap HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    expectCatalogued(plain.answers[0], 'notPreflight');
    const preflight = await rawExchange(
      port,
      'OPTIONS /swap HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: https://app.example.com\r\nAccess-Control-Request-Method: POST\r\n\r\n',
    );
    expect(preflight.answers[0]?.status).toBe(204);
    expect(preflight.answers[0]?.headers['access-control-allow-origin']).toBe(
      'https://app.example.com',
    );
  });
});

describe('logs at trace', () => {
  it('carry no request bytes when garbage follows a valid request in the same write', async () => {
    const code = stack.mintCode();
    const swap = await rawExchange(port, rawPost('/swap', FORM, `code=${code}`));
    const sealed = (JSON.parse(swap.answers[0]?.body ?? '{}') as { refresh_token: string })
      .refresh_token;
    expect(sealed).toMatch(/^v1\./);
    const chunkedCode = stack.mintCode();
    const before = logLines.length;
    const refresh = await rawExchange(
      port,
      `${rawPost('/refresh', FORM, `refresh_token=${encodeURIComponent(sealed)}`)}GARBAGE\0\r\n\r\n`,
      { answers: 2 },
    );
    expect(refresh.answers.map((a) => a.status)).toEqual([200, 400]);
    expectCatalogued(refresh.answers[1], 'notHttp');
    const body = `code=${chunkedCode}`;
    const chunked = await rawExchange(
      port,
      `${head(`Content-Type: ${FORM}\r\nTransfer-Encoding: chunked\r\n`)}${body.length.toString(16)}\r\n${body}\r\nzz\r\n`,
    );
    expectCatalogued(chunked.answers[0], 'notHttp');
    const lines = logLines.slice(before);
    expect(lines.some((line) => line.includes('"client error"'))).toBe(true);
    for (const line of lines) {
      expect(carriesRequestBytes(line), line).toBe(false);
      for (const view of decodedViews(line)) {
        expect(view.includes(sealed.slice(6, 40)), line).toBe(false);
        expect(view.includes(chunkedCode), line).toBe(false);
      }
    }
  });
});

describe('the log-leak search itself', () => {
  it('finds a request in a byte array, in Base64 and in hex', () => {
    const request = 'POST /refresh HTTP/1.1\r\nHost: x\r\n\r\nrefresh_token=v1.abc';
    const bytes = JSON.stringify({
      rawPacket: { type: 'Buffer', data: [...Buffer.from(request)] },
    });
    for (const line of [
      bytes,
      JSON.stringify({ raw: Buffer.from(request).toString('base64') }),
      JSON.stringify({ raw: Buffer.from(request).toString('hex') }),
      JSON.stringify({ raw: request }),
    ]) {
      expect(carriesRequestBytes(line), line).toBe(true);
    }
    expect(carriesRequestBytes('{"msg":"incoming request","req":{"method":"POST"}}')).toBe(false);
  });
});

describe('the catalogue guard', () => {
  it('no answer of this file was missing from the catalogue', () => {
    expect(logLines.filter((line) => line.includes('error not in the catalogue'))).toEqual([]);
  });

  it('an error missing from the catalogue is still answered, and logged as such', async () => {
    const lines: string[] = [];
    const app = await injectableApp(
      {},
      { logger: { level: 'info', stream: { write: (line) => void lines.push(line) } } },
    );
    app.get('/teapot', async () => {
      throw new TokenSwapError('invalid_request', 'short and stout', { status: 418 });
    });
    const answer = await app.inject({ method: 'GET', url: '/teapot' });
    await app.close();
    expect(answer.statusCode).toBe(418);
    expect(answer.json()).toEqual({
      error: 'invalid_request',
      error_description: 'short and stout',
    });
    expect(lines.some((line) => line.includes('error not in the catalogue'))).toBe(true);
  });
});
