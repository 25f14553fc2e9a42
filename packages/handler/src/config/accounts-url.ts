import { isLoopbackHost } from './loopback.js';

/** What {@link checkAccountsUrl} found: the base URL to use, or why the value is refused. */
export type AccountsUrlCheck =
  | { ok: true; url: string; insecure: boolean }
  | { ok: false; problem: string };

/**
 * Checks `SPOTIFY_ACCOUNTS_URL`. The client secret, codes and refresh tokens travel to it, so it
 * must be https — plain http only to a loopback host (the mock on this machine) or with the
 * explicit `SPOTIFY_ACCOUNTS_ALLOW_HTTP=true` (then `insecure` is true, for a start-up warning).
 * `/api/token` is appended to it, so a query or fragment would silently break the token path;
 * credentials (`user:pass@`) would be printed in the banner. A problem never quotes the value:
 * it may hold a password.
 *
 * @example
 * ```ts
 * checkAccountsUrl('http://accounts.spotify.com', false).ok; // false: must be https
 * checkAccountsUrl('http://127.0.0.1:4000/', false); // { ok: true, url: 'http://127.0.0.1:4000', insecure: false }
 * ```
 */
export function checkAccountsUrl(value: string, allowHttp: boolean): AccountsUrlCheck {
  const refuse = (why: string): AccountsUrlCheck => ({ ok: false, problem: why });
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(value) || !URL.canParse(value)) {
    return refuse('must be an absolute URL with its scheme, like https://accounts.spotify.com');
  }
  const url = new URL(value);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return refuse('must be an https:// URL');
  }
  if (url.username !== '' || url.password !== '' || value.includes('@')) {
    return refuse(
      'must not carry credentials (user:password@); the client authenticates with SPOTIFY_CLIENT_ID/SPOTIFY_CLIENT_SECRET',
    );
  }
  if (value.includes('?') || value.includes('#')) {
    return refuse('must not have a query (?) or fragment (#): /api/token is appended to it');
  }
  const base = value.replace(/\/+$/, '');
  if (url.protocol === 'https:' || isLoopbackHost(url.hostname)) {
    return { ok: true, url: base, insecure: false };
  }
  if (allowHttp) return { ok: true, url: base, insecure: true };
  return refuse(
    'must be https:// — over http the client secret, codes and tokens travel in clear. Plain http is allowed only to a loopback host (127.0.0.1, ::1, localhost) or with SPOTIFY_ACCOUNTS_ALLOW_HTTP=true',
  );
}
