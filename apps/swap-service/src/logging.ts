import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { LogLevel } from './config/env-schema.js';
import type { ServiceMode } from './config/service-config.js';
import { pathOf } from './errors.js';
import { stdoutDestination } from './log-destination.js';

/** Where log lines go; anything with `write(line)` (pino's destination shape). */
export interface LogStream {
  write(line: string): void;
}

/** The logger option of `buildApp`: `false` for none, or a level and an optional stream. */
export type LoggerOption = false | { level?: LogLevel; stream?: LogStream };

/**
 * Paths pino censors, each exact: a wildcard (`*.x`) makes pino run every value of every log
 * line through the redactor, an exact path only the values under its first key. These are the
 * second line of defence — bodies, headers and query strings are never logged in the first
 * place (the `req` serializer below keeps method, path and address; the request line and the
 * error lines log chosen fields) — for what could reach a log object by mistake:
 * - the only objects our log calls pass on whole are errors (`err`: an upstream or store error,
 *   the `cause` of a 5xx), serialized with every own property (an error's own `cause` becomes
 *   text in its message and stack, its properties are dropped): Node's parse errors carry the
 *   request's bytes (`rawPacket`), HTTP client errors the answer's `body` and `headers`, ioredis
 *   errors the `command` with its arguments (handles, tokens);
 * - a secret-named field at the top of a log object (`log.info({ code })` in a future change).
 * `test/redaction.test.ts` puts a secret at each path and checks it is censored.
 */
export const REDACT_PATHS: readonly string[] = [
  'err.rawPacket',
  'err.body',
  'err.headers',
  'err.command',
  'code',
  'code_verifier',
  'refresh_token',
  'access_token',
  'client_secret',
  'clientSecret',
  'authorization',
  'body',
  'headers',
  'config',
];

/**
 * Fastify logger options: pino at `level`, with redaction and serializers that log a request as
 * method, path (no query string: it may carry a code) and client address, and a response as
 * status (for Fastify's own lines; the service's request line is `request-log.ts`).
 * Without a stream, the service writes to stdout through {@link stdoutDestination} (buffered in
 * production);
 * development writes each line at once, as pino does by default (a person is reading it).
 */
export function loggerOptions(
  option: LoggerOption | undefined,
  mode: ServiceMode = 'development',
): object | false {
  if (option === false) return false;
  const stream = option?.stream ?? (stdoutDestination(mode) as LogStream);
  return {
    level: option?.level ?? 'info',
    ...(stream === undefined ? {} : { stream }),
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
