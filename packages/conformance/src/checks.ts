import type { HttpExchange } from './http.js';

/** Thrown by a case to fail with a reason and the exchange that shows it. */
export class CaseFailure extends Error {
  readonly exchange: HttpExchange | undefined;
  constructor(message: string, exchange?: HttpExchange) {
    super(message);
    this.name = 'CaseFailure';
    this.exchange = exchange;
  }
}

/** Thrown by a case that cannot run here (no second deployment, a prerequisite failed). */
export class CaseSkip extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'CaseSkip';
  }
}

/**
 * Fails the current case.
 *
 * @example
 * ```ts
 * if (res.status !== 200) fail(`expected 200, got ${res.status}`, exchange);
 * ```
 */
export function fail(message: string, exchange?: HttpExchange): never {
  throw new CaseFailure(message, exchange);
}

/**
 * Skips the current case with a reason shown in every report.
 *
 * @example
 * ```ts
 * if (!ctx.second) skip('no second deployment');
 * ```
 */
export function skip(reason: string): never {
  throw new CaseSkip(reason);
}

/** Tokens read from a successful swap or refresh answer. */
export interface TokenAnswer {
  accessToken: string;
  expiresIn: number;
  /** Present on every swap; on a refresh only when the server hands out a new one. */
  refreshToken: string | undefined;
}

/** One-line description of what came back, for failure messages. */
export function describe(exchange: HttpExchange): string {
  if (!exchange.response) return `no HTTP answer (${exchange.error})`;
  return `HTTP ${exchange.response.status}`;
}

/**
 * What a body was, for a message: `an empty body`, `Content-Type text/html (not JSON)`, `a JSON array`.
 *
 * @example
 * ```ts
 * bodyKind(exchange); // 'Content-Type text/html;charset=utf-8, a body that is not JSON'
 * ```
 */
export function bodyKind(exchange: HttpExchange): string {
  const res = exchange.response;
  if (!res) return `no HTTP answer (${exchange.error})`;
  const type = `Content-Type "${res.headers['content-type'] ?? ''}"`;
  if (res.text.trim() === '') return `${type} and an empty body`;
  if (res.json === undefined) return `${type} and a body that is not JSON`;
  if (Array.isArray(res.json)) return `${type} and a JSON array`;
  return `${type} and JSON ${typeof res.json === 'object' ? 'without an "error" member' : `${typeof res.json}`}`;
}

/** A field's value for a message: its type, never the value (it may be a token). */
function shown(value: unknown): string {
  if (value === undefined) return 'none';
  if (value === null) return 'null';
  if (typeof value === 'string') return value === '' ? 'an empty string' : 'a non-numeric string';
  return `a ${typeof value}`;
}

/**
 * The contract's success answer: 200, `Content-Type: application/json`, a JSON object with a
 * non-empty `access_token` and an `expires_in` that is a positive number or numeric string
 * (the seed's own example sends `"3600"`), plus `refresh_token` when required.
 *
 * @example
 * ```ts
 * const tokens = expectTokenAnswer(await ctx.swap(code), { requireRefreshToken: true });
 * ```
 */
export function expectTokenAnswer(
  exchange: HttpExchange,
  what: { requireRefreshToken: boolean },
): TokenAnswer {
  const res = exchange.response;
  if (res?.status !== 200) fail(`expected 200 with tokens, got ${describe(exchange)}`, exchange);
  if (!/^application\/json\b/i.test(res.headers['content-type'] ?? '')) {
    fail(
      `expected Content-Type application/json, got "${res.headers['content-type'] ?? ''}"`,
      exchange,
    );
  }
  const body = res.json;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    fail(`expected a JSON object body, got ${bodyKind(exchange)}`, exchange);
  }
  const fields = body as Record<string, unknown>;
  const accessToken = fields.access_token;
  if (typeof accessToken !== 'string' || accessToken === '')
    fail(`expected access_token as a non-empty string, got ${shown(accessToken)}`, exchange);
  const expiresIn = toSeconds(fields.expires_in);
  if (expiresIn === undefined)
    fail(
      `expected expires_in as a positive number (or numeric string), got ${shown(fields.expires_in)}`,
      exchange,
    );
  const refreshToken = fields.refresh_token;
  if (refreshToken !== undefined && (typeof refreshToken !== 'string' || refreshToken === '')) {
    fail(`expected refresh_token as a non-empty string, got ${shown(refreshToken)}`, exchange);
  }
  if (what.requireRefreshToken && refreshToken === undefined)
    fail('expected a refresh_token in the answer, got none', exchange);
  return { accessToken, expiresIn, refreshToken: refreshToken as string | undefined };
}

function toSeconds(value: unknown): number | undefined {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\d+$/.test(value)
        ? Number(value)
        : NaN;
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

/** True for `{ "error": "..." }` (OAuth) or `{ "error": { ... } }` (Web API style). */
export function isJsonErrorBody(json: unknown): boolean {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return false;
  const error = (json as { error?: unknown }).error;
  return (
    (typeof error === 'string' && error !== '') || (typeof error === 'object' && error !== null)
  );
}

/**
 * A refused request: a 4xx status (the client's fault, so never 5xx, never 2xx) with a JSON error
 * body — an HTML page or an empty 500 is what makes the iOS SDK show "Cocoa error 3840".
 *
 * @example
 * ```ts
 * expectClientError(await ctx.swap('')); // 400 {"error":"invalid_request",…} passes
 * ```
 */
export function expectClientError(exchange: HttpExchange): void {
  const res = exchange.response;
  if (!res) fail(`expected a 4xx JSON error, got ${describe(exchange)}`, exchange);
  if (res.status < 400 || res.status > 499)
    fail(`expected a 4xx JSON error, got HTTP ${res.status}`, exchange);
  if (!isJsonErrorBody(res.json))
    fail(
      `expected a 4xx with a JSON error body ({"error": …}), got HTTP ${res.status} with ${bodyKind(exchange)}`,
      exchange,
    );
}
