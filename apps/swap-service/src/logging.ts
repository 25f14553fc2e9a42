import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { LogLevel } from './config/env-schema.js';
import { pathOf } from './errors.js';

/** Where log lines go; anything with `write(line)` (pino's destination shape). */
export interface LogStream {
  write(line: string): void;
}

/** The logger option of `buildApp`: `false` for none, or a level and an optional stream. */
export type LoggerOption = false | { level?: LogLevel; stream?: LogStream };

/**
 * Paths pino censors wherever they appear. Bodies are never logged in the first place (the
 * request serializer below keeps method, path and address only); these are the second line,
 * for anything that ends up in a log object by mistake.
 */
export const REDACT_PATHS: readonly string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.body',
  'body',
  'headers.authorization',
  '*.headers.authorization',
  'code',
  '*.code_verifier',
  'refresh_token',
  'access_token',
  'client_secret',
  'clientSecret',
  '*.refresh_token',
  '*.access_token',
  '*.client_secret',
  '*.clientSecret',
  'config.client',
  'config.clients',
  'config.apps',
  '*.authorization',
  // Node's parse errors carry the request's bytes; the client-error handler never logs them.
  'err.rawPacket',
  '*.rawPacket',
];

/**
 * Fastify logger options: pino with redaction and serializers that log a request as method,
 * path (no query string: it may carry a code) and client address, and a response as status.
 */
export function loggerOptions(option: LoggerOption | undefined): object | false {
  if (option === false) return false;
  return {
    level: option?.level ?? 'info',
    ...(option?.stream === undefined ? {} : { stream: option.stream }),
    redact: { paths: [...REDACT_PATHS], censor: '[redacted]' },
    serializers: {
      req: (request: FastifyRequest) => ({
        method: request.method,
        url: pathOf(request.url),
        remoteAddress: request.ip,
      }),
      res: (reply: FastifyReply) => ({ statusCode: reply.statusCode }),
    },
  };
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Request ids: the caller's `X-Request-Id` when it is a sane token, else a fresh UUID. */
export function requestId(raw: IncomingMessage): string {
  const given = raw.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}
