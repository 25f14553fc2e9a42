import { timingSafeEqual } from 'node:crypto';
import type { MockClient } from '../config.js';
import { TOKEN_ERRORS, type TokenError } from '../errors.js';
import type { MockState } from '../state/mock-state.js';
import type { ClientAuthKind } from './grant.js';

/** The outcome of client authentication; `kind` and `clientId` also go to the journal. */
export type ClientAuthResult =
  | { ok: true; kind: ClientAuthKind; client: Readonly<MockClient> }
  | { ok: false; kind: ClientAuthKind | 'none'; clientId?: string; error: TokenError };

const sameSecret = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

function parseBasic(header: string): { id: string; secret: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header);
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

function checkSecret(
  client: Readonly<MockClient>,
  secret: string,
  kind: 'basic' | 'body',
): ClientAuthResult {
  const expected = client.pkceOnly ? undefined : client.secret;
  if (expected === undefined || !sameSecret(secret, expected)) {
    return { ok: false, kind, clientId: client.id, error: TOKEN_ERRORS.invalidClientSecret };
  }
  return { ok: true, kind, client };
}

/**
 * Authenticates the client the way Spotify accepts it: a Basic header, or client_id and
 * client_secret in the parameters, or (PKCE) client_id alone. The header wins over the body.
 */
export function authenticateClient(
  state: MockState,
  authorization: string | undefined,
  params: Readonly<Record<string, string | undefined>>,
): ClientAuthResult {
  if (authorization !== undefined) {
    const basic = parseBasic(authorization);
    const client = state.findClient(basic?.id);
    if (!basic || !client) {
      return { ok: false, kind: 'basic', error: TOKEN_ERRORS.invalidClient };
    }
    return checkSecret(client, basic.secret, 'basic');
  }
  const clientId = params.client_id;
  if (clientId === undefined) return { ok: false, kind: 'none', error: TOKEN_ERRORS.invalidClient };
  const client = state.findClient(clientId);
  const kind = params.client_secret === undefined ? 'pkce' : 'body';
  if (!client) return { ok: false, kind, error: TOKEN_ERRORS.invalidClient };
  if (params.client_secret !== undefined) return checkSecret(client, params.client_secret, 'body');
  return { ok: true, kind: 'pkce', client };
}
