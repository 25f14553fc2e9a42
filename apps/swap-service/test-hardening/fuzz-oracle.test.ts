import { describe, expect, it } from 'vitest';
import type { RequestSpec } from './fuzz/arbitraries.js';
import { checkAnswer, type Outcome } from './fuzz/check-answer.js';
import { scanLogLine, secretScanner } from './fuzz/leaks.js';
import type { MaterializedRequest } from './fuzz/materialize.js';

/**
 * The fuzz oracle must be able to fail: each property it checks is shown here to reject a
 * broken answer (and to accept the right one), without a server.
 */

const ISSUED = `AQ${'i'.repeat(128)}`;
const KNOWN = `AQ${'k'.repeat(128)}`;
const scanner = secretScanner({
  clientId: 'app',
  clientSecret: 'the-client-secret',
  isIssuedRefreshToken: (token) => token === ISSUED,
});
scanner.remember(KNOWN);

const spec = (method = 'POST'): RequestSpec => ({
  method,
  path: '/swap',
  query: { kind: 'none' },
  body: { kind: 'none' },
  contentType: 'match',
  chunks: undefined,
  requestId: undefined,
});
const sent = (codes: string[] = []): MaterializedRequest => ({
  method: 'POST',
  path: '/swap',
  headers: {},
  body: undefined,
  chunks: undefined,
  codes,
});
const json = (status: number, body: unknown): Outcome => ({
  kind: 'answer',
  status,
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  text: JSON.stringify(body),
});

describe('fuzz oracle', () => {
  it('accepts a JSON 400 and a token answer with a sealed refresh token', () => {
    expect(
      checkAnswer(
        spec(),
        sent(),
        json(400, { error: 'invalid_request', error_description: 'code is missing' }),
        scanner,
      ).problems,
    ).toEqual([]);
    const ok = json(200, { access_token: 'BQx', refresh_token: 'v1.k1.abc_-' });
    expect(checkAnswer(spec(), sent(), ok, scanner).problems).toEqual([]);
  });

  it('rejects a 500, and a 502 without an upstream error code', () => {
    const v500 = checkAnswer(spec(), sent(), json(500, { error: 'server_error' }), scanner);
    expect(v500.unmappedFiveXx).toBe(true);
    const v502 = checkAnswer(spec(), sent(), json(502, { error: 'invalid_request' }), scanner);
    expect(v502.unmappedFiveXx).toBe(true);
    const mapped = checkAnswer(
      spec(),
      sent(),
      json(504, { error: 'temporarily_unavailable', error_description: 'retry later' }),
      scanner,
    );
    expect([mapped.fiveXx, mapped.unmappedFiveXx, mapped.problems]).toEqual([true, false, []]);
  });

  it('rejects a non-2xx without a JSON error body, except for HEAD', () => {
    const html: Outcome = {
      kind: 'answer',
      status: 400,
      headers: { 'content-type': 'text/html', 'cache-control': 'no-store' },
      text: '<h1>400</h1>',
    };
    expect(checkAnswer(spec(), sent(), html, scanner).problems).toHaveLength(1);
    const noError = json(404, { message: 'nope' });
    expect(checkAnswer(spec(), sent(), noError, scanner).problems).toHaveLength(1);
    const empty: Outcome = {
      kind: 'answer',
      status: 405,
      headers: { 'cache-control': 'no-store' },
      text: '',
    };
    expect(checkAnswer(spec('HEAD'), sent(), empty, scanner).problems).toEqual([]);
  });

  it("rejects Fastify's error shape, an unknown code, extra keys and a cacheable error", () => {
    const fastifyShape = json(431, {
      error: 'Request Header Fields Too Large',
      message: 'Exceeded maximum allowed HTTP header size',
      statusCode: 431,
    });
    const unknownCode = json(400, { error: 'Bad Request', error_description: 'Client Error' });
    const extraKey = json(400, {
      error: 'invalid_request',
      error_description: 'x',
      statusCode: 400,
    });
    const noDescription = json(400, { error: 'invalid_request' });
    for (const outcome of [fastifyShape, unknownCode, extraKey, noDescription]) {
      expect(checkAnswer(spec(), sent(), outcome, scanner).problems, outcome.kind).toHaveLength(1);
    }
    const cacheable: Outcome = {
      kind: 'answer',
      status: 400,
      headers: { 'content-type': 'application/json' },
      text: JSON.stringify({ error: 'invalid_request', error_description: 'x' }),
    };
    expect(checkAnswer(spec(), sent(), cacheable, scanner).problems).toHaveLength(1);
    expect(
      checkAnswer(spec('HEAD'), sent(), { ...cacheable, text: '' }, scanner).problems,
    ).toHaveLength(1);
  });

  it('finds request bytes and secrets in log lines, also as byte arrays, Base64 and hex', () => {
    const request = Buffer.from(`POST /refresh HTTP/1.1\r\nHost: x\r\n\r\nrefresh_token=${KNOWN}`);
    const lines = [
      JSON.stringify({ err: { rawPacket: { type: 'Buffer', data: [...request] } } }),
      JSON.stringify({ raw: request.toString('base64') }),
      JSON.stringify({ raw: request.toString('hex') }),
    ];
    for (const line of lines) {
      const found = scanLogLine(line, scanner);
      expect(found, line.slice(0, 60)).toContain('request bytes');
      expect(
        found.some((leak) => leak.startsWith('a known code')),
        line.slice(0, 60),
      ).toBe(true);
    }
    expect(
      scanLogLine('{"msg":"client error","parserError":"HPE_INVALID_METHOD"}', scanner),
    ).toEqual([]);
  });

  it('rejects a token answer whose refresh token is not sealed', () => {
    const clear = json(200, { access_token: 'BQx', refresh_token: KNOWN });
    expect(checkAnswer(spec(), sent(), clear, scanner).problems.length).toBeGreaterThan(0);
  });

  it('finds the client secret, the Basic credential, known and mock-issued tokens, and the posted code', () => {
    const basic = Buffer.from('app:the-client-secret').toString('base64');
    for (const leaked of ['the-client-secret', basic, KNOWN, ISSUED]) {
      const verdict = checkAnswer(
        spec(),
        sent(),
        json(400, { error: 'x', error_description: `a ${leaked} b` }),
        scanner,
      );
      expect(verdict.leaks.length, leaked).toBeGreaterThan(0);
    }
    const code = 'posted-code-value';
    const echoed = checkAnswer(
      spec(),
      sent([code]),
      json(400, { error: 'x', error_description: code }),
      scanner,
    );
    expect(echoed.leaks).toEqual(['the posted code']);
    const clean = checkAnswer(
      spec(),
      sent([code]),
      json(400, { error: 'x', error_description: `AQ${'z'.repeat(128)}` }),
      scanner,
    );
    expect(clean.leaks).toEqual([]);
  });

  it('treats a dropped connection as a failure, a request the client refused to send as not sent', () => {
    const reset = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
    expect(
      checkAnswer(spec(), sent(), { kind: 'error', error: reset }, scanner).problems,
    ).toHaveLength(1);
    const refused = Object.assign(new Error('invalid method'), { code: 'UND_ERR_INVALID_ARG' });
    expect(checkAnswer(spec(), sent(), { kind: 'error', error: refused }, scanner).notSent).toBe(
      true,
    );
  });
});
