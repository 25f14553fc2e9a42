/**
 * CORS, only when origins are configured: the allowed origin (or `*`) is echoed on answers to
 * it, and a preflight for `POST` is answered 204. Without configured origins no CORS header is
 * ever sent, so browsers refuse cross-origin use, as with the service.
 */
export function corsHeaders(allowed: readonly string[], origin: string | null): HeadersInit {
  if (allowed.length === 0 || origin === null) return {};
  if (allowed.includes('*')) return { 'access-control-allow-origin': '*' };
  if (!allowed.includes(origin)) return {};
  return { 'access-control-allow-origin': origin, vary: 'Origin' };
}

/** Headers of a preflight answer: the origin's, plus the method and headers a token POST uses. */
export function preflightHeaders(allowed: readonly string[], request: Request): HeadersInit {
  const base = corsHeaders(allowed, request.headers.get('origin'));
  if (Object.keys(base).length === 0) return {};
  return {
    ...base,
    'access-control-allow-methods': 'POST',
    'access-control-allow-headers': request.headers.get('access-control-request-headers') ?? '',
    'access-control-max-age': '600',
  };
}
