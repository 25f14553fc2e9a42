import { formatKeyringSpec, generateKeySpec, importKeyring, type Keyring } from '@tokenswap/core';
import { DEMO_CLIENT } from '@tokenswap/mock-accounts';

/** The demo client's secret: must never appear in any answer or log line. */
export const CLIENT_SECRET = DEMO_CLIENT.secret as string;
export const CLIENT_ID = DEMO_CLIENT.id;
export const SCOPES = ['user-read-email', 'user-read-private'];

/** A sealing key of our own, so tests can seal near-valid tokens with the service's key. */
export interface TestKey {
  id: string;
  spec: string;
  keyring: Keyring;
}

export async function newTestKey(id: string): Promise<TestKey> {
  const spec = formatKeyringSpec([generateKeySpec({ id })]);
  const imported = await importKeyring([parseOne(spec)]);
  if (!imported.ok) throw imported.error;
  return { id, spec, keyring: imported.value };
}

function parseOne(spec: string): { id: string; key: string } {
  const at = spec.indexOf(':');
  return { id: spec.slice(0, at), key: spec.slice(at + 1) };
}

/** Environment for a swap service in front of `mockUrl` with the demo client. */
export function serviceEnv(
  mockUrl: string,
  key: TestKey,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    SPOTIFY_CLIENT_ID: CLIENT_ID,
    SPOTIFY_CLIENT_SECRET: CLIENT_SECRET,
    SPOTIFY_REDIRECT_URI: DEMO_CLIENT.redirectUris[0] as string,
    SPOTIFY_ACCOUNTS_URL: mockUrl,
    TOKEN_ENCRYPTION_KEYS: key.spec,
    // The suite measures the service, not the limiter: 0 turns the rate limit off.
    RATE_LIMIT_MAX: '0',
    HOST: '127.0.0.1',
    ...extra,
  };
}
