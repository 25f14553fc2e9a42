import { type MockAccounts, startMockAccounts } from '@tokenswap/mock-accounts';
import { post, send, waitUntil } from '@tokenswap/test-support';
import { rawExchange } from '@tokenswap/test-support/raw-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogLevel } from '../src/config/env-schema.js';
import { RECEIVED_LINE, REQUEST_LINE } from '../src/request-log.js';
import { type SwapService, startSwapService } from '../src/start-swap-service.js';
import { serviceEnv } from './helpers/stack.js';

/**
 * One log line per request (plugins/request-log.ts), over real sockets: what it carries, its
 * level, and that a request no route answered (404, a malformed URL, what Node's parser
 * refused) is logged once too.
 */

type Line = Record<string, unknown>;

let mock: MockAccounts;
const services: SwapService[] = [];

beforeAll(async () => {
  mock = await startMockAccounts();
});
afterAll(async () => {
  for (const service of services) await service.close();
  await mock?.close();
});

/** A service at `level` whose log lines are collected, parsed. */
async function serviceLoggingAt(level: LogLevel): Promise<{ service: SwapService; lines: Line[] }> {
  const lines: Line[] = [];
  const service = await startSwapService({
    env: serviceEnv(mock.url),
    port: 0,
    logger: { level, stream: { write: (line) => void lines.push(JSON.parse(line) as Line) } },
  });
  services.push(service);
  return { service, lines };
}

const byId = (lines: Line[], id: string | undefined) => lines.filter((line) => line.reqId === id);
const code = () => mock.mintCode({ scopes: ['user-read-email'] });

describe('the request line', () => {
  it('one line per answered request, at info: method, route, status, duration, address and request id; never the query', async () => {
    const { service, lines } = await serviceLoggingAt('info');
    const secret = code();
    const swapped = await send(`${service.swapUrl}?code=${secret}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-request-id': 'rq-1' },
      body: `code=${code()}`,
    });
    expect(swapped.status).toBe(200);
    const notFound = await send(`${service.url}/nowhere?code=${secret}`, {
      method: 'GET',
      headers: { 'x-request-id': 'rq-2' },
    });
    expect(notFound.status).toBe(404);

    expect(lines.some((line) => line.msg === 'incoming request')).toBe(false);
    const [swapLine, ...moreSwap] = byId(lines, 'rq-1');
    expect(moreSwap).toEqual([]);
    expect(swapLine).toMatchObject({
      level: 30,
      msg: REQUEST_LINE,
      method: 'POST',
      url: '/swap',
      statusCode: 200,
      remoteAddress: '127.0.0.1',
    });
    expect(typeof swapLine?.durationMs).toBe('number');
    expect(swapLine?.durationMs).toBeGreaterThan(0);
    // An error answer's one line: its request line, with the error's code, the path, no query.
    expect(byId(lines, 'rq-2')).toEqual([
      expect.objectContaining({
        level: 30,
        msg: REQUEST_LINE,
        method: 'GET',
        url: '/nowhere',
        statusCode: 404,
        errorCode: 'invalid_request',
        errorDescription: 'no endpoint at GET /nowhere',
      }),
    ]);
    expect(JSON.stringify(lines)).not.toContain(secret);
  });

  it('a 5xx answer is logged at warn, so LOG_LEVEL=warn still shows it; a 200 is not', async () => {
    const { service, lines } = await serviceLoggingAt('warn');
    expect((await post(service.swapUrl, { code: code() })).status).toBe(200);
    mock.faults.inject('token', { kind: 'status', status: 500 });
    const failed = await post(service.swapUrl, { code: code() });
    expect(failed.status).toBeGreaterThanOrEqual(500);
    // The request line at warn, and the error handler's line with the cause at error.
    expect(lines.filter((line) => line.reqId !== undefined)).toEqual([
      expect.objectContaining({ level: 50, errorCode: failed.json.error, err: expect.anything() }),
      expect.objectContaining({
        level: 40,
        msg: REQUEST_LINE,
        url: '/swap',
        statusCode: failed.status,
        errorCode: failed.json.error,
      }),
    ]);
  });

  it('a malformed URL (a framework error) and a request Node could not parse are each logged once', async () => {
    const { service, lines } = await serviceLoggingAt('info');
    const port = Number(new URL(service.url).port);
    const badUrl = await rawExchange(
      port,
      'GET /%zz%E0 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Request-Id: rq-bad\r\n\r\n',
    );
    expect(badUrl.answers[0]?.status).toBe(400);
    expect(byId(lines, 'rq-bad').filter((line) => line.msg === REQUEST_LINE)).toEqual([
      expect.objectContaining({ level: 30, statusCode: 400 }),
    ]);

    const before = lines.length;
    const garbage = await rawExchange(port, 'GARBAGE\0 /swap?code=SECRET-X HTTP/1.1\r\n\r\n');
    expect(garbage.answers[0]?.status).toBe(400);
    const logged = lines.slice(before);
    expect(logged).toEqual([
      expect.objectContaining({
        level: 30,
        msg: 'client error',
        statusCode: 400,
        remoteAddress: '127.0.0.1',
      }),
    ]);
    expect(JSON.stringify(logged)).not.toContain('SECRET-X');
  });

  it('at debug, a "request received" line marks a request whose head arrived; not below debug', async () => {
    const atDebug = await serviceLoggingAt('debug');
    const atInfo = await serviceLoggingAt('info');
    for (const { service } of [atDebug, atInfo]) {
      await send(`${service.url}/healthz?code=SECRET-Y`, {
        method: 'GET',
        headers: { 'x-request-id': 'rq-debug' },
      });
    }
    expect(byId(atDebug.lines, 'rq-debug').map((line) => line.msg)).toEqual([
      RECEIVED_LINE,
      REQUEST_LINE,
    ]);
    expect(byId(atDebug.lines, 'rq-debug')[0]).toMatchObject({ level: 20, url: '/healthz' });
    expect(byId(atInfo.lines, 'rq-debug').map((line) => line.msg)).toEqual([REQUEST_LINE]);
    expect(JSON.stringify(atDebug.lines)).not.toContain('SECRET-Y');
  });

  it('a CONNECT and a refused Expect, answered on the socket without Fastify, are each logged once', async () => {
    const { service, lines } = await serviceLoggingAt('info');
    const port = Number(new URL(service.url).port);
    const before = lines.length;
    const connect = await rawExchange(
      port,
      'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com\r\n\r\n',
    );
    expect(connect.answers[0]?.status).toBe(405);
    const expectHead = await rawExchange(
      port,
      'POST /swap HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: teapot\r\nContent-Length: 4\r\n\r\n',
    );
    expect(expectHead.answers[0]?.status).toBe(417);
    await waitUntil(() => lines.length >= before + 2, { what: 'two lines' });
    expect(lines.slice(before)).toEqual([
      expect.objectContaining({ level: 30, msg: REQUEST_LINE, method: 'CONNECT', statusCode: 405 }),
      expect.objectContaining({ level: 30, msg: REQUEST_LINE, url: '/swap', statusCode: 417 }),
    ]);
  });
});
