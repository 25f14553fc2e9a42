/** A Spotify client as the swap service's environment names it (the mock's `DEMO_CLIENT` fits). */
export interface EnvClient {
  id: string;
  secret?: string | undefined;
  redirectUris: readonly string[];
}

/**
 * The environment of a swap service in front of `accountsUrl` (the mock) with one client and the
 * given `TOKEN_ENCRYPTION_KEYS`, on 127.0.0.1, rate limit off (tests measure the service, not
 * the limiter). `extra` adds or overrides variables.
 *
 * @example
 * ```ts
 * const env = swapServiceEnv(mock.url, DEMO_CLIENT, newKeyEntry('k1'), { TOKEN_MODE: 'reference' });
 * ```
 */
export function swapServiceEnv(
  accountsUrl: string,
  client: EnvClient,
  keys: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    SPOTIFY_CLIENT_ID: client.id,
    SPOTIFY_CLIENT_SECRET: client.secret ?? '',
    SPOTIFY_REDIRECT_URI: client.redirectUris[0] ?? '',
    SPOTIFY_ACCOUNTS_URL: accountsUrl,
    TOKEN_ENCRYPTION_KEYS: keys,
    RATE_LIMIT_MAX: '0',
    HOST: '127.0.0.1',
    ...extra,
  };
}
