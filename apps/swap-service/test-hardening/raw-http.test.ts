import { type MockAccounts, startMockAccounts } from '@tokenswap/mock-accounts';
import { jsonOrUndefined } from '@tokenswap/test-support';
import { newTestKey } from '@tokenswap/test-support/keys';
import { type RawAnswer, rawExchange, rawPost } from '@tokenswap/test-support/raw-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SwapService, startSwapService } from '../src/start-swap-service.js';
import { errorShapeProblems } from './fuzz/check-answer.js';
import { scanLogLine, secretScanner } from './fuzz/leaks.js';
import { CLIENT_ID, CLIENT_SECRET, SCOPES, serviceEnv } from './support/env.js';
import { recordFigures } from './support/figures.js';
import { keepAlivePool, postForm } from './support/http.js';

/**
 * Requests no client library would send — lying lengths, broken chunking, oversized heads,
 * pipelining, garbage, CONNECT, WebDAV methods — written byte for byte to a socket. Each must get
 * exactly the contract's error (`{error, error_description}` JSON, `Cache-Control: no-store`,
 * `Connection: close` where the connection cannot be reused) or the right answer, never a 5xx;
 * the service must keep serving, and its log (at trace) must never carry a request's bytes.
 */

let mock: MockAccounts;
let service: SwapService;
let port: number;
const logLines: string[] = [];
const figures = { cases: 0, wrongShape: 0 };

beforeAll(async () => {
  mock = await startMockAccounts();
  const key = await newTestKey('raw');
  service = await startSwapService({
    env: serviceEnv(mock.url, key, {
      COMPAT_ROUTES: 'true',
      CORS_ORIGINS: 'https://app.example.com',
      LOG_LEVEL: 'trace',
    }),
    port: 0,
    host: '127.0.0.1',
    logger: { level: 'trace', stream: { write: (line: string) => void logLines.push(line) } },
  });
  port = Number(new URL(service.url).port);
});
afterAll(async () => {
  await service?.close();
  await mock?.close();
});

const FORM = 'application/x-www-form-urlencoded';
const head = (lines: string) => `POST /swap HTTP/1.1\r\nHost: 127.0.0.1\r\n${lines}\r\n`;

/** Name, bytes, the status expected (or any 4xx). */
const CASES: [string, () => string | Buffer, number | '4xx'][] = [
  ['a garbage request line', () => 'HELLO THERE\r\n\r\n', 400],
  ['a NUL in a header value', () => `${head('X-Junk: a\0b\r\nContent-Length: 0\r\n')}`, 400],
  [
    'bare LF line endings',
    () => 'POST /swap HTTP/1.1\nHost: 127.0.0.1\nContent-Length: 0\n\n',
    400,
  ],
  ['an HTTP/2 preface', () => 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 400],
  ['CONNECT', () => 'CONNECT evil.example:443 HTTP/1.1\r\nHost: evil.example:443\r\n\r\n', 405],
  ['TRACE on /swap', () => 'TRACE /swap HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', 405],
  ['PROPFIND on /refresh', () => 'PROPFIND /refresh HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', 405],
  ['SEARCH on /api/token', () => 'SEARCH /api/token HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', 405],
  [
    'OPTIONS /swap that is not a CORS preflight',
    () => 'OPTIONS /swap HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
    400,
  ],
  [
    'Content-Length shorter than the body',
    () => `${head(`Content-Type: ${FORM}\r\nContent-Length: 3\r\n`)}code=abc`,
    '4xx',
  ],
  [
    'both Transfer-Encoding and Content-Length',
    () =>
      `${head(`Content-Type: ${FORM}\r\nContent-Length: 8\r\nTransfer-Encoding: chunked\r\n`)}8\r\ncode=abc\r\n0\r\n\r\n`,
    400,
  ],
  [
    'a chunk size that is not hex',
    () =>
      `${head(`Content-Type: ${FORM}\r\nTransfer-Encoding: chunked\r\n`)}zz\r\ncode=abc\r\n0\r\n\r\n`,
    400,
  ],
  [
    'two Content-Length headers that disagree',
    () => `${head(`Content-Type: ${FORM}\r\nContent-Length: 8\r\nContent-Length: 9\r\n`)}code=abc`,
    400,
  ],
  [
    'a 20 KB header',
    () => `${head(`X-Junk: ${'a'.repeat(20_000)}\r\nContent-Length: 0\r\n`)}`,
    431,
  ],
  [
    'a 90 KB URL',
    () =>
      `POST /swap?${'a'.repeat(90_000)} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n`,
    431,
  ],
  [
    'a non-ASCII byte in the path',
    () => 'POST /sw\xe4p HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n',
    400,
  ],
  [
    'binary garbage instead of a request line',
    () => Buffer.from([0, 1, 2, 0xff, 13, 10, 13, 10]),
    400,
  ],
  [
    'HTTP/1.0 without Host',
    () => `POST /swap HTTP/1.0\r\nContent-Type: ${FORM}\r\nContent-Length: 8\r\n\r\ncode=abc`,
    400,
  ],
  [
    'Content-Encoding: gzip on a plain body',
    () => rawPost('/swap', FORM, 'code=abc', 'Content-Encoding: gzip\r\n'),
    400,
  ],
  [
    'Expect: 100-continue',
    () => rawPost('/swap', FORM, 'code=abc', 'Expect: 100-continue\r\n'),
    400,
  ],
  [
    'an absolute-form request target',
    () => rawPost('http://evil.example/swap', FORM, 'code=abc'),
    400,
  ],
  ['OPTIONS * (not a preflight)', () => 'OPTIONS * HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', 400],
  [
    'two Content-Type headers',
    () =>
      `${head(`Content-Type: application/json\r\nContent-Type: ${FORM}\r\nContent-Length: 8\r\n`)}code=abc`,
    400,
  ],
  [
    'Latin-1 bytes in a form value',
    () => rawPost('/refresh', `${FORM}; charset=latin1`, 'refresh_token=\xe9\xff'),
    400,
  ],
  [
    'JSON declared as UTF-16',
    () => rawPost('/swap', 'application/json; charset=utf-16', '{"code":"abc"}'),
    400,
  ],
  [
    'JSON nested 8,000 deep',
    () => rawPost('/swap', 'application/json', `${'['.repeat(8_000)}${']'.repeat(8_000)}`),
    400,
  ],
  [
    'JSON with __proto__',
    () => rawPost('/swap', 'application/json', '{"__proto__":{"code":"x"}}'),
    400,
  ],
  [
    'JSON with constructor.prototype',
    () =>
      rawPost(
        '/refresh',
        'application/json',
        '{"constructor":{"prototype":{"refresh_token":"x"}}}',
      ),
    400,
  ],
  [
    '3,000 form fields (over 16 KiB)',
    () => rawPost('/swap', FORM, Array.from({ length: 3_000 }, (_, i) => `a${i}=1`).join('&')),
    413,
  ],
  [
    'code repeated 2,000 times (under 16 KiB)',
    () => rawPost('/swap', FORM, Array.from({ length: 2_000 }, () => 'code=1').join('&')),
    400,
  ],
  ['a dot-segment path', () => rawPost('/swap/../refresh', FORM, 'code=abc'), 404],
  [
    'Content-Length: -1',
    () => `${head(`Content-Type: ${FORM}\r\nContent-Length: -1\r\n`)}code=abc`,
    400,
  ],
  [
    'Content-Length: 1e3',
    () => `${head(`Content-Type: ${FORM}\r\nContent-Length: 1e3\r\n`)}code=abc`,
    400,
  ],
  [
    'a chunked body over 16 KiB',
    () =>
      `${head(`Content-Type: ${FORM}\r\nTransfer-Encoding: chunked\r\n`)}${'4000\r\n'}${'a'.repeat(0x4000)}\r\n10\r\n${'b'.repeat(16)}\r\n0\r\n\r\n`,
    413,
  ],
  ['a header line without a colon', () => `${head('NoColonHere\r\nContent-Length: 0\r\n')}`, 400],
  [
    'an obsolete line-folded header',
    () => `${head(`Content-Type: ${FORM}\r\n continued\r\nContent-Length: 8\r\n`)}code=abc`,
    400,
  ],
];

/** Answers whose connection cannot be reused: the parser's, CONNECT, Expect, timeouts. */
const CLOSES = new Set([408, 417, 431]);
const CLOSING_CASES = new Set([
  'a garbage request line',
  'a NUL in a header value',
  'bare LF line endings',
  'an HTTP/2 preface',
  'CONNECT',
  'both Transfer-Encoding and Content-Length',
  'a chunk size that is not hex',
  'two Content-Length headers that disagree',
  'a non-ASCII byte in the path',
  'binary garbage instead of a request line',
  'a header line without a colon',
  'an obsolete line-folded header',
  'a chunked body over 16 KiB',
]);

function expectContractError(answer: RawAnswer | undefined, label: string): void {
  expect(answer, `${label}: no answer`).toBeDefined();
  const a = answer as RawAnswer;
  figures.cases += 1;
  const problems = errorShapeProblems(a.status, a.headers, a.body);
  if (a.status >= 500) problems.push(`a ${a.status}`);
  if ((CLOSES.has(a.status) || CLOSING_CASES.has(label)) && a.headers.connection !== 'close') {
    problems.push(`${a.status} without Connection: close`);
  }
  if (problems.length > 0) figures.wrongShape += 1;
  expect(problems, label).toEqual([]);
}

describe('raw HTTP edges', () => {
  it.each(CASES)('%s: a JSON error, no 5xx', async (label, bytes, status) => {
    const exchange = await rawExchange(port, bytes());
    const answer = exchange.answers.find((a) => a.status !== 100);
    expect(answer, `${label} (${exchange.raw.slice(0, 200)})`).toBeDefined();
    expectContractError(answer, label);
    if (status === '4xx') expect(answer?.status).toBeGreaterThanOrEqual(400);
    else expect(answer?.status, label).toBe(status);
  });

  it('two pipelined requests on one connection get two answers, in order', async () => {
    const code = mock.mintCode({ scopes: SCOPES });
    const exchange = await rawExchange(
      port,
      rawPost('/swap', FORM, 'code=nope') + rawPost('/swap', FORM, `code=${code}`),
      { answers: 2 },
    );
    expect(exchange.answers.map((a) => a.status)).toEqual([400, 200]);
    expect(
      (jsonOrUndefined(exchange.answers[1]?.body ?? '') as { refresh_token?: string })
        .refresh_token,
    ).toMatch(/^v1\./);
  });

  it('200 clients that hang up mid-body or right after sending leave the service serving', async () => {
    const { connect } = await import('node:net');
    await Promise.all(
      Array.from(
        { length: 200 },
        (_, i) =>
          new Promise<void>((resolve) => {
            const socket = connect({ host: '127.0.0.1', port }, () => {
              socket.write(
                i % 2 === 0
                  ? `${head(`Content-Type: ${FORM}\r\nContent-Length: 100\r\n`)}code=`
                  : rawPost('/swap', FORM, 'code=abc'),
              );
              setTimeout(() => {
                socket.destroy();
                resolve();
              }, 5);
            });
            socket.on('error', () => resolve());
          }),
      ),
    );
    const pool = keepAlivePool(service.url, 1);
    const answer = await postForm(pool, '/swap', { code: mock.mintCode({ scopes: SCOPES }) });
    await pool.close();
    expect(answer.status).toBe(200);
    // Every aborted request has left the in-flight count.
    await expect.poll(() => service.app.tokenswap.inFlight.count, { timeout: 5_000 }).toBe(0);
  });

  it('garbage after a valid refresh, and a bad chunk after a code, in the same write: answered, and no log line (at trace) carries the request', async (context) => {
    const swapped = await rawExchange(
      port,
      rawPost('/swap', FORM, `code=${mock.mintCode({ scopes: SCOPES })}`),
    );
    const sealed = String(
      (jsonOrUndefined(swapped.answers[0]?.body ?? '') as { refresh_token?: unknown })
        .refresh_token,
    );
    expect(sealed).toMatch(/^v1\./);
    const refresh = await rawExchange(
      port,
      `${rawPost('/refresh', FORM, `refresh_token=${encodeURIComponent(sealed)}`)}GARBAGE\0\r\n\r\n`,
      { answers: 2 },
    );
    expect(refresh.answers.map((a) => a.status)).toEqual([200, 400]);
    expectContractError(refresh.answers[1], 'garbage after a valid refresh');
    const code = mock.mintCode({ scopes: SCOPES });
    const body = `code=${code}`;
    const chunked = await rawExchange(
      port,
      `${head(`Content-Type: ${FORM}\r\nTransfer-Encoding: chunked\r\n`)}${body.length.toString(16)}\r\n${body}\r\nzz\r\n`,
    );
    expectContractError(chunked.answers[0], 'a bad chunk after a code');

    const scanner = secretScanner({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      isIssuedRefreshToken: (token) => mock.isIssuedRefreshToken(token),
    });
    scanner.remember(code);
    scanner.rememberLiteral(sealed);
    const leaking = logLines.filter((line) => scanLogLine(line, scanner).length > 0);
    const requestBytesInLogs = logLines.filter((line) =>
      scanLogLine(line, scanner).includes('request bytes'),
    ).length;
    expect(logLines.some((line) => line.includes('"client error"'))).toBe(true);
    recordFigures(context, {
      rawHttp: {
        ...figures,
        logLevel: 'trace',
        logLinesScanned: logLines.length,
        requestBytesInLogs,
      },
    });
    expect(leaking.map((line) => line.slice(0, 300))).toEqual([]);
    expect(figures.wrongShape).toBe(0);
  });
});
