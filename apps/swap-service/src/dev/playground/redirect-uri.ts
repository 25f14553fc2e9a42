/**
 * The playground's own URL, which is also its OAuth redirect URI: the page at `/` both starts
 * the authorization and receives the code. Development mode registers it as a redirect URI of
 * the mock's demo client and uses it as the service's `SPOTIFY_REDIRECT_URI`, because the mock
 * (like Spotify) requires the redirect URI of the code exchange to equal the one at authorize.
 *
 * @param baseUrl the service's origin, e.g. `http://127.0.0.1:3000` (a path is ignored).
 * @example
 * ```ts
 * playgroundRedirectUri('http://127.0.0.1:3000'); // 'http://127.0.0.1:3000/'
 * ```
 */
export function playgroundRedirectUri(baseUrl: string): string {
  return new URL('/', baseUrl).toString();
}
