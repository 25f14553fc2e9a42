export { bundle, RUNTIMES, startCommand } from '../../scripts/runtimes.mjs';

/** The handler's environment, as the conformance suite fills it in. */
export function handlerEnv(keys: string): Record<string, string> {
  return {
    SPOTIFY_CLIENT_ID: '{client_id}',
    SPOTIFY_CLIENT_SECRET: '{client_secret}',
    SPOTIFY_REDIRECT_URI: '{redirect_uri}',
    SPOTIFY_ACCOUNTS_URL: '{accounts_url}',
    TOKEN_ENCRYPTION_KEYS: keys,
    UPSTREAM_TIMEOUT_MS: '1000',
    PORT: '{port}',
    HOST: '127.0.0.1',
  };
}
