import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { loggerOptions, REDACT_PATHS } from '../src/logging.js';

/**
 * Redaction is the second line of defence (logging.ts): each exact path censors a secret put
 * there, and the serializers never let a request's headers, body or query reach a line.
 */

/** A Fastify app logging at trace through the service's logger options into `lines`. */
function appLoggingTo(lines: Record<string, unknown>[]) {
  return Fastify({
    logger: loggerOptions({
      level: 'trace',
      stream: { write: (line) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
    }),
  });
}

/** `{ a: { b: secret } }` for `a.b`; under `err` each level is an Error, as pino gets them. */
function objectWithSecretAt(path: string, secret: string): Record<string, unknown> {
  const keys = path.split('.');
  const build = (index: number): unknown => {
    if (index === keys.length) return secret;
    const holder = (keys[0] === 'err' ? new Error('failed') : {}) as Record<string, unknown>;
    holder[keys[index] as string] = build(index + 1);
    return holder;
  };
  const root = build(1);
  return { [keys[0] as string]: root };
}

describe('redaction by exact paths', () => {
  it('has no wildcard path (each makes pino run every logged value through the redactor)', () => {
    expect(REDACT_PATHS.filter((path) => path.includes('*'))).toEqual([]);
  });

  it.each(REDACT_PATHS)('censors a secret at %s', (path) => {
    const lines: Record<string, unknown>[] = [];
    const app = appLoggingTo(lines);
    const secret = `SECRET-AT-${path}`;
    app.log.error(objectWithSecretAt(path, secret), 'a line');
    expect(lines).toHaveLength(1);
    const line = JSON.stringify(lines[0]);
    expect(line).not.toContain(secret);
    expect(line).toContain('[redacted]');
  });

  it('an ioredis-like error with a cause: its command, bytes and headers censored, the properties of its cause not logged, the messages kept', () => {
    const lines: Record<string, unknown>[] = [];
    const app = appLoggingTo(lines);
    const cause = Object.assign(new Error('READONLY'), {
      command: { name: 'set', args: ['handle', 'UPSTREAM-REFRESH-TOKEN'] },
      body: '{"refresh_token":"UPSTREAM-BODY-TOKEN"}',
    });
    const error = Object.assign(new Error('store down', { cause }), {
      rawPacket: Buffer.from('POST /refresh HTTP/1.1\r\n\r\nrefresh_token=RAW-TOKEN'),
      headers: { authorization: 'Basic HEADER-SECRET' },
    });
    app.log.error({ err: error }, 'token store down');
    const line = JSON.stringify(lines[0]);
    for (const secret of ['UPSTREAM-REFRESH-TOKEN', 'UPSTREAM-BODY-TOKEN', 'RAW-TOKEN', 'HEADER']) {
      expect(line).not.toContain(secret);
    }
    expect(line).toContain('store down');
    expect(line).toContain('READONLY');
  });
});

describe('the serializers', () => {
  it('log a request as method, path and address, and a reply as its status: no headers, body or query', async () => {
    const lines: Record<string, unknown>[] = [];
    const app = appLoggingTo(lines);
    app.post('/swap', async (request, reply) => {
      request.log.info({ req: request, res: reply }, 'both');
      return {};
    });
    const answer = await app.inject({
      method: 'POST',
      url: '/swap?code=QUERY-CODE',
      headers: { authorization: 'Basic HEADER-SECRET', cookie: 'COOKIE-SECRET' },
      payload: { code: 'BODY-CODE' },
    });
    expect(answer.statusCode).toBe(200);
    const both = lines.find((line) => line.msg === 'both');
    expect(both?.req).toEqual({ method: 'POST', url: '/swap', remoteAddress: '127.0.0.1' });
    expect(both?.res).toEqual({ statusCode: 200 });
    const log = JSON.stringify(lines);
    for (const secret of ['QUERY-CODE', 'HEADER-SECRET', 'COOKIE-SECRET', 'BODY-CODE']) {
      expect(log).not.toContain(secret);
    }
    await app.close();
  });
});
