import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { carriesRequestBytes, decodedViews } from '../src/log-views.js';
import { parseAnswers, rawExchange, rawPost } from '../src/raw-http.js';

describe('parseAnswers', () => {
  it('reads Content-Length and chunked bodies, and the answer after a 100 Continue', () => {
    const text =
      'HTTP/1.1 100 Continue\r\n\r\n' +
      'HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-A: b\r\n\r\nok' +
      'HTTP/1.1 400 Bad Request\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n';
    expect(parseAnswers(text)).toEqual([
      { status: 100, headers: {}, body: '' },
      { status: 200, headers: { 'content-length': '2', 'x-a': 'b' }, body: 'ok' },
      { status: 400, headers: { 'transfer-encoding': 'chunked' }, body: 'abcde' },
    ]);
  });

  it('leaves an incomplete head for later', () => {
    expect(parseAnswers('HTTP/1.1 200 OK\r\nContent-Le')).toEqual([]);
  });
});

let server: Server;
let port: number;
beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => response.end(`${request.method} ${body}`));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('rawExchange', () => {
  it('sends the bytes as written and reads the answers back', async () => {
    const exchange = await rawExchange(port, rawPost('/x', 'text/plain', 'a=1'));
    expect(exchange.answers).toHaveLength(1);
    expect(exchange.answers[0]?.status).toBe(200);
    expect(exchange.answers[0]?.body).toBe('POST a=1');
  });

  it('gives up after waitMs when nothing complete arrives', async () => {
    const started = Date.now();
    const exchange = await rawExchange(
      port,
      'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nab',
      {
        waitMs: 200,
      },
    );
    expect(exchange.answers).toEqual([]);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('log views', () => {
  it('decodes byte arrays, Base64 and hex runs, so a leak search sees request bytes', () => {
    const head = 'POST /swap HTTP/1.1\r\n';
    const bytes = JSON.stringify({ rawPacket: { type: 'Buffer', data: [...Buffer.from(head)] } });
    expect(carriesRequestBytes(bytes)).toBe(true);
    expect(carriesRequestBytes(Buffer.from(head).toString('base64'))).toBe(true);
    expect(carriesRequestBytes(Buffer.from(head).toString('hex'))).toBe(true);
    expect(carriesRequestBytes('{"msg":"request completed","statusCode":200}')).toBe(false);
    expect(decodedViews('plain')).toEqual(['plain']);
  });
});
