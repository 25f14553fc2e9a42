import { randomBytes } from 'node:crypto';

/**
 * A random opaque value shaped like Spotify's (codes and refresh tokens start with 'AQ',
 * access tokens with 'BQ'), so clients that sniff prefixes or lengths behave as in production.
 */
export function randomToken(prefix: 'AQ' | 'BQ' | 'CN', bytes: number): string {
  return prefix + randomBytes(bytes).toString('base64url');
}
