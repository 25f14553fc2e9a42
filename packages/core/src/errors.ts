/**
 * The one error model of tokenswap. Every package answers errors with the OAuth-style body
 * `{ "error": code, "error_description": description }` and the HTTP status carried here.
 *
 * Errors are values: core functions return `Result<T>` and never throw for bad input. The class
 * extends `Error` only so that an app may `throw` one across a framework boundary (a Fastify
 * error handler recognises it by `instanceof` or by `isTokenSwapError`).
 */

/** Stable error codes. The OAuth ones (RFC 6749 §5.2) are what the contract's clients understand. */
export type TokenSwapErrorCode =
  | 'invalid_request'
  | 'invalid_grant'
  | 'invalid_client'
  | 'unsupported_grant_type'
  | 'server_error'
  | 'temporarily_unavailable';

/**
 * Default HTTP status for each code. The one table of code → status; a given error may carry a
 * more precise status (405/413/415 for `invalid_request`, 429/503/504 for
 * `temporarily_unavailable`).
 */
export const DEFAULT_STATUS: Readonly<Record<TokenSwapErrorCode, number>> = Object.freeze({
  invalid_request: 400,
  invalid_grant: 400,
  invalid_client: 401,
  unsupported_grant_type: 400,
  server_error: 502,
  temporarily_unavailable: 503,
});

/** Every code, for docs and for the test that checks the docs list them all. */
export const ERROR_CODES: readonly TokenSwapErrorCode[] = Object.freeze(
  Object.keys(DEFAULT_STATUS) as TokenSwapErrorCode[],
);

/** The JSON body every tokenswap error is answered with. */
export interface OAuthErrorBody {
  error: TokenSwapErrorCode;
  error_description: string;
}

export interface TokenSwapErrorOptions {
  /** HTTP status to answer with; defaults to `DEFAULT_STATUS[code]`. */
  status?: number;
  /** Seconds, passed on as a `Retry-After` header (429/503). */
  retryAfter?: number;
  /** Internal detail for logs. Never sent to a client. */
  cause?: unknown;
}

/**
 * A contract error: a stable `code`, a client-safe `description` and an HTTP `status`.
 * The description never contains a secret, a token or a code; internal detail goes in `cause`.
 *
 * @example
 * ```ts
 * const err = new TokenSwapError('invalid_grant', 'Invalid refresh token');
 * reply.code(err.status).send(err.toJSON());
 * ```
 */
export class TokenSwapError extends Error {
  readonly code: TokenSwapErrorCode;
  readonly description: string;
  readonly status: number;
  readonly retryAfter: number | undefined;

  constructor(code: TokenSwapErrorCode, description: string, options: TokenSwapErrorOptions = {}) {
    super(description, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'TokenSwapError';
    this.code = code;
    this.description = description;
    this.status = options.status ?? DEFAULT_STATUS[code];
    this.retryAfter = options.retryAfter;
  }

  /** The body to send: `{ error, error_description }`. */
  toJSON(): OAuthErrorBody {
    return { error: this.code, error_description: this.description };
  }
}

/**
 * True for a `TokenSwapError`, also across copies of this package (duck-typed on the fields, as
 * two installed versions would not share the class).
 */
export function isTokenSwapError(value: unknown): value is TokenSwapError {
  if (value instanceof TokenSwapError) return true;
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<TokenSwapError>;
  return (
    v.name === 'TokenSwapError' &&
    typeof v.code === 'string' &&
    v.code in DEFAULT_STATUS &&
    typeof v.description === 'string' &&
    typeof v.status === 'number'
  );
}

/** The outcome of a core operation: a value, or a `TokenSwapError` — never a throw. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: TokenSwapError };

/** @internal-ish helpers, exported because every package builds results. */
export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(error: TokenSwapError): Result<T> => ({ ok: false, error });
