import type { TokenSet } from './types.js';

/** Largest `expires_in` accepted (one year): anything bigger is a broken answer. */
const MAX_EXPIRES_IN = 31_536_000;

/**
 * Validates a successful token answer's fields. Returns the `TokenSet`, or a description of
 * what is wrong (naming the field, never its value).
 */
export function readTokenSet(body: Record<string, unknown>): TokenSet | string {
  const accessToken = body.access_token;
  if (typeof accessToken !== 'string' || accessToken.length === 0) {
    return 'The accounts service answered without an access_token';
  }
  const tokenType = body.token_type ?? 'Bearer';
  if (typeof tokenType !== 'string' || tokenType.length === 0) {
    return 'The accounts service answered with an invalid token_type';
  }
  const expiresIn = readExpiresIn(body.expires_in);
  if (expiresIn === undefined) {
    return 'The accounts service answered without a valid expires_in';
  }
  const scope = body.scope ?? '';
  if (typeof scope !== 'string') return 'The accounts service answered with an invalid scope';
  const refreshToken = body.refresh_token;
  if (refreshToken !== undefined && refreshToken !== null && typeof refreshToken !== 'string') {
    return 'The accounts service answered with an invalid refresh_token';
  }
  const tokens: TokenSet = { accessToken, tokenType, expiresIn, scope };
  if (typeof refreshToken === 'string' && refreshToken.length > 0)
    tokens.refreshToken = refreshToken;
  return tokens;
}

/** `expires_in` as a whole number of seconds; Spotify's own docs show it as a string. */
function readExpiresIn(value: unknown): number | undefined {
  const n =
    typeof value === 'string' && /^\d{1,10}$/.test(value.trim()) ? Number(value.trim()) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0 || n > MAX_EXPIRES_IN) {
    return undefined;
  }
  return n;
}
