import { fail, ok, type Result, TokenSwapError } from '../errors.js';
import { readTokenSet } from './read-token-set.js';
import { getHeader, parseRetryAfter } from './retry-after.js';
import { sanitizeDescription } from './sanitize-description.js';
import type { HeadersInput, TokenSet } from './types.js';

/** Options of {@link interpretTokenResponse}. */
export interface InterpretOptions {
  /** Clock for HTTP-date `Retry-After` values, ms since epoch. Default `Date.now`. */
  now?: () => number;
}

/**
 * Turns the accounts service's answer to `POST /api/token` into a validated `TokenSet` or the
 * error the swap service should answer with:
 *
 * | upstream | result |
 * | --- | --- |
 * | 2xx with JSON `access_token`, `expires_in` | `TokenSet` (`expiresIn` a number even from `"3600"`, `scope` default `''`) |
 * | 4xx `invalid_grant` | 400 `invalid_grant`, upstream description (sanitised) |
 * | 4xx `invalid_request` "code_verifier required" | 400 `invalid_request`: the app must send its `code_verifier` |
 * | 4xx `invalid_client`, other `invalid_request`, `unsupported_grant_type`, … | 502 `server_error`, generic; upstream detail only in `cause` (for the operator's log) |
 * | other 4xx | 502 `server_error` |
 * | 429 | 429 `temporarily_unavailable`, `retryAfter` from `Retry-After` |
 * | 5xx | 502 `temporarily_unavailable` |
 * | non-JSON, no `access_token`, bad fields | 502 `server_error` |
 *
 * Descriptions never contain upstream body excerpts; only a sanitised `error_description` of
 * `invalid_grant` (the user's grant, which the app must know about).
 *
 * @example
 * ```ts
 * const res = await fetch(req.url, req);
 * const tokens = interpretTokenResponse(res.status, res.headers, await res.text());
 * if (!tokens.ok) return reply.code(tokens.error.status).send(tokens.error.toJSON());
 * ```
 */
export function interpretTokenResponse(
  status: number,
  headers: HeadersInput,
  bodyText: string,
  options: InterpretOptions = {},
): Result<TokenSet> {
  const body = parseJsonObject(bodyText);
  if (status >= 200 && status < 300) {
    if (body === undefined) {
      return fail(badAnswer(`The accounts service answered ${status} without a JSON object`));
    }
    const tokens = readTokenSet(body);
    return typeof tokens === 'string' ? fail(badAnswer(tokens)) : ok(tokens);
  }
  if (status === 429) {
    const retryAfter = parseRetryAfter(
      getHeader(headers, 'retry-after'),
      (options.now ?? Date.now)(),
    );
    return fail(
      new TokenSwapError(
        'temporarily_unavailable',
        'The accounts service is rate limiting requests; retry later',
        { status: 429, retryAfter },
      ),
    );
  }
  if (status >= 500 && status < 600) {
    const retryAfter = parseRetryAfter(
      getHeader(headers, 'retry-after'),
      (options.now ?? Date.now)(),
    );
    return fail(
      new TokenSwapError(
        'temporarily_unavailable',
        `The accounts service is unavailable (status ${status}); retry later`,
        { status: 502, retryAfter },
      ),
    );
  }
  const code = typeof body?.error === 'string' ? body.error : undefined;
  const description = sanitizeDescription(body?.error_description);
  if (status >= 400 && status < 500 && code === 'invalid_grant') {
    return fail(new TokenSwapError('invalid_grant', description ?? 'Invalid grant'));
  }
  if (
    status >= 400 &&
    status < 500 &&
    code === 'invalid_request' &&
    isVerifierRequired(description)
  ) {
    // The code was issued for a PKCE authorize request and the app left the verifier out: the
    // app's mistake, which it can fix, so it hears it (not "our configuration is wrong").
    return fail(new TokenSwapError('invalid_request', VERIFIER_REQUIRED));
  }
  if (status >= 400 && status < 500 && code !== undefined && CONFIG_ERRORS.has(code)) {
    // The operator's misconfiguration (wrong secret, unregistered redirect URI): the detail is
    // for the operator's log (`cause`); the app gets a generic answer that reveals nothing
    // about this server's credentials.
    const detail = description === undefined ? code : `${code}: ${description}`;
    return fail(
      badAnswer(REJECTED_OUR_REQUEST, new Error(`accounts service answered ${status} ${detail}`)),
    );
  }
  return fail(badAnswer(`Unexpected answer from the accounts service (status ${status})`));
}

/** What the app hears when it left out the `code_verifier` of a PKCE code. */
const VERIFIER_REQUIRED =
  'code_verifier is required: the code was issued for a PKCE authorization request';

/** What the app hears when the accounts service refused this server's credentials or request. */
const REJECTED_OUR_REQUEST =
  "The accounts service rejected this server's token request; the server's operator must check its configuration";

/** Spotify's description (any case, any punctuation around it). */
function isVerifierRequired(description: string | undefined): boolean {
  return description !== undefined && /\bcode_verifier required\b/i.test(description);
}

/** Upstream errors that mean our request or credentials are wrong, not the user's grant. */
const CONFIG_ERRORS: ReadonlySet<string> = new Set([
  'invalid_client',
  'invalid_request',
  'unsupported_grant_type',
  'unauthorized_client',
  'invalid_scope',
]);

function badAnswer(description: string, cause?: unknown): TokenSwapError {
  return new TokenSwapError('server_error', description, {
    status: 502,
    ...(cause === undefined ? {} : { cause }),
  });
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  if (typeof text !== 'string') return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
