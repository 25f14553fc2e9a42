import {
  isTokenSwapError,
  TokenSwapError,
  type TokenSwapErrorCode,
  upstreamTimeoutError,
  upstreamUnreachableError,
} from '@tokenswap/core';
import type { FastifyError } from 'fastify';

/** Largest request body accepted, in bytes (the contract's bodies are a few hundred bytes). */
export const BODY_LIMIT_BYTES = 16 * 1024;

/** One named error of the catalogue: its code, status and client-safe description. */
interface CatalogueEntry<Detail> {
  readonly code: TokenSwapErrorCode;
  readonly status: number;
  readonly describe: (detail: Detail) => string;
  /** Seconds for `Retry-After`. */
  readonly retryAfter?: (detail: Detail) => number;
}

const entry = <Detail = undefined>(value: CatalogueEntry<Detail>): CatalogueEntry<Detail> =>
  Object.freeze(value);

/**
 * Every error this service builds itself, by name — the HTTP edges (Node's parser, Fastify, the
 * stop), the request plumbing and the modes (reference, legacy, development). Everything else
 * it answers is made by core ({@link ERRORS_MADE_ELSEWHERE}). Made with {@link serviceError};
 * none is built inline elsewhere (a test checks).
 */
export const SERVICE_ERRORS = Object.freeze({
  notHttp: entry({
    code: 'invalid_request',
    status: 400,
    describe: () => 'the request is not valid HTTP/1.1',
  }),
  headersTooLarge: entry({
    code: 'invalid_request',
    status: 431,
    describe: () => 'the request head (request line and headers) is too large',
  }),
  headersTimeout: entry<number>({
    code: 'invalid_request',
    status: 408,
    describe: (ms) => `the request head did not arrive in full within ${ms / 1000} s`,
  }),
  bodyTimeout: entry<number>({
    code: 'invalid_request',
    status: 408,
    describe: (ms) => `the request did not arrive in full within ${ms / 1000} s`,
  }),
  hostRequired: entry({
    code: 'invalid_request',
    status: 400,
    describe: () => 'the Host header is required',
  }),
  expectationFailed: entry({
    code: 'invalid_request',
    status: 417,
    describe: () => 'Expect must be 100-continue',
  }),
  metricsUnauthorized: entry({
    code: 'invalid_request',
    status: 401,
    describe: () => 'GET /metrics needs Authorization: Bearer <METRICS_TOKEN>',
  }),
  notPreflight: entry({
    code: 'invalid_request',
    status: 400,
    describe: () =>
      'OPTIONS is answered only as a CORS preflight (with Origin and Access-Control-Request-Method)',
  }),
  methodNotAllowed: entry<string>({
    code: 'invalid_request',
    status: 405,
    describe: (method) => `method ${method} is not allowed; use POST`,
  }),
  notFound: entry<{ method: string; path: string }>({
    code: 'invalid_request',
    status: 404,
    describe: ({ method, path }) => `no endpoint at ${method} ${path}`,
  }),
  unsupportedMediaType: entry({
    code: 'invalid_request',
    status: 415,
    describe: () => 'Content-Type must be application/x-www-form-urlencoded or application/json',
  }),
  bodyTooLarge: entry({
    code: 'invalid_request',
    status: 413,
    describe: () => `request body is larger than ${BODY_LIMIT_BYTES / 1024} KiB`,
  }),
  emptyBody: entry({
    code: 'invalid_request',
    status: 400,
    describe: () => 'request body is empty',
  }),
  lengthMismatch: entry({
    code: 'invalid_request',
    status: 400,
    describe: () => 'Content-Length does not match the body',
  }),
  badUrl: entry({
    code: 'invalid_request',
    status: 400,
    describe: () => 'request URL is not valid',
  }),
  invalidJson: entry({
    code: 'invalid_request',
    status: 400,
    describe: () => 'request body is not valid JSON',
  }),
  unreadable: entry({
    code: 'invalid_request',
    status: 400,
    describe: () => 'the request could not be read',
  }),
  rateLimited: entry<number>({
    code: 'temporarily_unavailable',
    status: 429,
    describe: (seconds) => `too many requests from this address; retry after ${seconds} s`,
    retryAfter: (seconds) => seconds,
  }),
  shuttingDown: entry({
    code: 'temporarily_unavailable',
    status: 503,
    describe: () => 'the service is shutting down; retry (another instance will answer)',
    retryAfter: () => 1,
  }),
  internal: entry({ code: 'server_error', status: 500, describe: () => 'internal error' }),
  /** Reference mode: a handle past Spotify's refresh-token lifetime (6 months), not refreshed. */
  refreshTokenExpired: entry({
    code: 'invalid_grant',
    status: 400,
    describe: () => 'Refresh token expired; the user must authorize again',
  }),
  /** Reference mode: Redis down, SQLite locked beyond its busy timeout, the store closed. */
  storeUnavailable: entry({
    code: 'temporarily_unavailable',
    status: 503,
    describe: () => 'The token store is temporarily unavailable; try again shortly',
    retryAfter: () => 1,
  }),
  /** Reference mode: another replica held the handle's refresh lock longer than we wait. */
  refreshInProgress: entry({
    code: 'temporarily_unavailable',
    status: 503,
    describe: () => 'A refresh of this token is already in progress; try again shortly',
    retryAfter: () => 1,
  }),
  /** Legacy migration: this address used up its budget of failed legacy refreshes. */
  legacyOverBudget: entry<number>({
    code: 'temporarily_unavailable',
    status: 429,
    describe: (seconds) =>
      `too many failed legacy refresh tokens from this address; retry after ${seconds} s`,
    retryAfter: (seconds) => seconds,
  }),
  /** Development mode (playground): the mock accounts service did not answer. */
  mockUnreachable: entry({
    code: 'temporarily_unavailable',
    status: 502,
    describe: () => 'the mock accounts service did not answer',
  }),
  /** Development mode (playground): the mock refused the fault the page asked for. */
  mockRefusedFault: entry({
    code: 'server_error',
    status: 502,
    describe: () => 'the mock refused the fault',
  }),
});

/** The name of an error of {@link SERVICE_ERRORS}. */
export type ServiceErrorName = keyof typeof SERVICE_ERRORS;
type DetailOf<N extends ServiceErrorName> =
  (typeof SERVICE_ERRORS)[N] extends CatalogueEntry<infer D> ? D : never;

/**
 * Makes the named error of the catalogue; `cause` is internal detail for the log, never sent.
 *
 * @example
 * ```ts
 * throw serviceError('methodNotAllowed', request.method);
 * ```
 */
export function serviceError<N extends ServiceErrorName>(
  name: N,
  ...[detail, cause]: undefined extends DetailOf<N>
    ? [detail?: undefined, cause?: unknown]
    : [detail: DetailOf<N>, cause?: unknown]
): TokenSwapError {
  const known = SERVICE_ERRORS[name] as CatalogueEntry<DetailOf<N>>;
  const value = detail as DetailOf<N>;
  return new TokenSwapError(known.code, known.describe(value), {
    status: known.status,
    ...(known.retryAfter === undefined ? {} : { retryAfter: known.retryAfter(value) }),
    ...(cause === undefined ? {} : { cause }),
  });
}

/**
 * Errors answered that core makes (request parsing, client selection, opening tokens, the
 * accounts service's answers mapped). Each row: status, code, what.
 */
export const ERRORS_MADE_ELSEWHERE: readonly (readonly [number, TokenSwapErrorCode, string])[] = [
  [400, 'invalid_request', 'core: a field missing, repeated, too long; a PKCE-only app'],
  [400, 'invalid_grant', 'core: refused or unopenable code or refresh token'],
  [429, 'temporarily_unavailable', 'core: the accounts service rate-limited us'],
  [502, 'server_error', 'core: an unusable answer or a refusal of our own request'],
  [upstreamUnreachableError().status, 'temporarily_unavailable', 'core: upstream 5xx/unreachable'],
  [upstreamTimeoutError().status, 'temporarily_unavailable', 'core: UPSTREAM_TIMEOUT_MS passed'],
];

/** Every `status code` pair this service may answer (the README's error table lists them all). */
export function answeredErrors(): ReadonlySet<string> {
  const pairs = Object.values(SERVICE_ERRORS).map((e) => `${e.status} ${e.code}`);
  for (const [status, code] of ERRORS_MADE_ELSEWHERE) pairs.push(`${status} ${code}`);
  return new Set(pairs);
}

/** Names of the errors that take no detail. */
type PlainErrorName = {
  [N in ServiceErrorName]: undefined extends DetailOf<N> ? N : never;
}[ServiceErrorName];

const FASTIFY_ERRORS: Readonly<Record<string, PlainErrorName>> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupportedMediaType',
  FST_ERR_CTP_INVALID_TYPE: 'unsupportedMediaType',
  FST_ERR_CTP_BODY_TOO_LARGE: 'bodyTooLarge',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'emptyBody',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'lengthMismatch',
  FST_ERR_BAD_URL: 'badUrl',
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalidJson',
};

/**
 * Turns anything thrown in a request into a `TokenSwapError`. Framework errors (body parsing,
 * size, media type) become their named `invalid_request`; JSON syntax errors, whose message
 * quotes the body, become "not valid JSON"; any other 4xx a generic 400; anything else a
 * generic 500 `server_error` with the error kept as `cause` for the log — never a stack trace,
 * never a value from the request.
 *
 * @example
 * ```ts
 * app.setErrorHandler((error, _request, reply) => sendError(reply, toTokenSwapError(error)));
 * ```
 */
export function toTokenSwapError(error: unknown): TokenSwapError {
  if (isTokenSwapError(error)) return error;
  const fastifyError = error as Partial<FastifyError> | null;
  const named = FASTIFY_ERRORS[fastifyError?.code ?? ''];
  if (named !== undefined) return serviceError(named, undefined, error);
  if (error instanceof SyntaxError) return serviceError('invalidJson', undefined, error);
  const status = fastifyError?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return serviceError('unreadable', undefined, error);
  }
  return serviceError('internal', undefined, error);
}

/** The path of a request URL, without the query (which may hold values not to echo or log). */
export function pathOf(url: string): string {
  const end = url.search(/[?#]/);
  return end < 0 ? url : url.slice(0, end);
}
