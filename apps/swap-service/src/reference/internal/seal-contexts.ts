import {
  type Keyring,
  openRefreshToken,
  type SealContext,
  sealRefreshToken,
  type TokenSet,
} from '@tokenswap/core';

/**
 * Sealing in reference mode reuses core's sealed format (AES-256-GCM, keyring, key rotation),
 * bound beyond the client (`SealContext.boundTo`) to the handle's store key, under the label
 * `ref`. So a stored blob opens only for its own handle and client: one row copied over another
 * does not open, and a stored blob posted to /refresh as a sealed-mode token does not open either
 * (sealed mode binds the bare client id). Results use another label, so a token blob and a
 * result blob are never interchangeable.
 */
export function tokenContext(clientId: string, key: string): SealContext {
  return { clientId, boundTo: { label: 'ref', key } };
}

function resultContext(clientId: string, key: string): SealContext {
  return { clientId, boundTo: { label: 'ref-result', key } };
}

interface ResultJson {
  a: string;
  t: string;
  e: number;
  s: string;
  /** Issued at (ms): the reuse answers with the seconds that remain, not the original. */
  i: number;
}

/** Seals a refresh's tokens (without any refresh token) for replicas that waited on it. */
export function sealResult(
  tokens: TokenSet,
  issuedAt: number,
  keyring: Keyring,
  clientId: string,
  key: string,
): Promise<string> {
  const json: ResultJson = {
    a: tokens.accessToken,
    t: tokens.tokenType,
    e: tokens.expiresIn,
    s: tokens.scope,
    i: issuedAt,
  };
  return sealRefreshToken(JSON.stringify(json), keyring, resultContext(clientId, key));
}

/** Opens a sealed result; `undefined` if it does not open or is malformed. */
export async function openResult(
  sealed: string,
  now: number,
  keyring: Keyring,
  clientId: string,
  key: string,
): Promise<TokenSet | undefined> {
  const opened = await openRefreshToken(sealed, keyring, resultContext(clientId, key));
  if (!opened.ok) return undefined;
  try {
    const json = JSON.parse(opened.value) as Partial<ResultJson>;
    if (typeof json.a !== 'string' || typeof json.e !== 'number' || typeof json.i !== 'number') {
      return undefined;
    }
    const elapsed = Math.max(0, Math.floor((now - json.i) / 1000));
    return {
      accessToken: json.a,
      tokenType: typeof json.t === 'string' ? json.t : 'Bearer',
      expiresIn: Math.max(0, json.e - elapsed),
      scope: typeof json.s === 'string' ? json.s : '',
    };
  } catch {
    return undefined;
  }
}
