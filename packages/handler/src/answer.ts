import { TOKEN_RESPONSE_HEADERS, type TokenSwapError } from '@tokenswap/core';

/**
 * A JSON answer with the headers every answer carries (`no-store`, `no-cache`) plus `extra`
 * (CORS, `Allow`, `Retry-After`).
 */
export function jsonAnswer(status: number, body: unknown, extra: HeadersInit = {}): Response {
  const headers = new Headers(extra);
  headers.set('content-type', 'application/json; charset=utf-8');
  for (const [name, value] of Object.entries(TOKEN_RESPONSE_HEADERS)) headers.set(name, value);
  return new Response(JSON.stringify(body), { status, headers });
}

/** The `{ error, error_description }` answer of a `TokenSwapError`, with `Retry-After` if any. */
export function errorAnswer(error: TokenSwapError, extra: HeadersInit = {}): Response {
  const headers = new Headers(extra);
  if (error.retryAfter !== undefined) headers.set('retry-after', String(error.retryAfter));
  return jsonAnswer(error.status, error.toJSON(), headers);
}
