import { parseRefreshRequest } from '../contract/parse-refresh-request.js';
import { toRefreshResponse } from '../contract/responses.js';
import type { TokenRefreshResponse } from '../contract/types.js';
import { fail, isTokenSwapError, ok, type Result } from '../errors.js';
import type { FormInput } from '../internal/fields.js';
import { looksSealed } from '../seal/looks-sealed.js';
import { invalidRefreshTokenError, openRefreshToken } from '../seal/open-refresh-token.js';
import { sealRefreshToken } from '../seal/seal-refresh-token.js';
import { sealedKeyId } from '../seal/sealed-key-id.js';
import { buildRefreshTokenRequest } from '../upstream/build-refresh-token-request.js';
import { selectClient } from './select-client.js';
import { sendTokenRequest } from './send-token-request.js';
import type { FlowClient, FlowDeps } from './types.js';

/** A token opened by {@link RefreshFlowHooks.openUnsealed}: the real token and its format. */
export interface UnsealedToken {
  refreshToken: string;
  /** A label for metrics, e.g. `encrypted-strings`. */
  format: string;
}

/** Token kinds a server handles beyond tokenswap's sealed format (legacy, reference mode). */
export interface RefreshFlowHooks<C extends FlowClient> {
  /**
   * A posted token the server refreshes its own way (a reference-mode handle): its answer, or
   * `undefined` to go on with the sealed flow. May throw a `TokenSwapError`.
   */
  refreshOther?: (posted: string, client: C) => Promise<TokenRefreshResponse> | undefined;
  /**
   * Opens a token that does not look sealed (a legacy format), or `undefined` when it does not
   * open (`invalid_grant`). Without it every token is opened as sealed.
   */
  openUnsealed?: (posted: string) => UnsealedToken | undefined;
}

/** A served refresh and what the server may count. */
export interface RefreshOutcome<C extends FlowClient> {
  body: TokenRefreshResponse;
  client: C;
  /** The key id that opened the posted sealed token (absent for legacy and other tokens). */
  keyId?: string;
  /** The legacy format the posted token came in, if any. */
  legacyFormat?: string;
  /** A new sealed `refresh_token` went out. */
  resealed: boolean;
}

/**
 * The refresh, transport-free: parse the form → pick the app → open the posted token → build the
 * refresh request → send → interpret → seal → answer. The answer carries a new sealed token when
 * Spotify rotated it, and also when the posted token was legacy or sealed under a key other than
 * the keyring's first: that moves every active user onto the primary key, so an old key can be
 * retired without logging anyone out. Never throws for bad input or upstream trouble.
 *
 * @example
 * ```ts
 * const outcome = await refreshFlow(form, { accountsUrl, clients, keyring, send: fetch });
 * if (outcome.ok) return Response.json(outcome.value.body);
 * ```
 */
export async function refreshFlow<C extends FlowClient>(
  form: FormInput,
  deps: FlowDeps<C>,
  hooks: RefreshFlowHooks<C> = {},
): Promise<Result<RefreshOutcome<C>>> {
  try {
    const parsed = parseRefreshRequest(form);
    if (!parsed.ok) return parsed;
    const posted = parsed.value.refreshToken;
    const client = selectClient(deps.clients, parsed.value.clientId);
    const other = hooks.refreshOther?.(posted, client);
    if (other !== undefined) return ok({ body: await other, client, resealed: false });
    const opened = await openPosted(posted, deps, hooks, client.clientId);
    if (!opened.ok) return opened;
    const { refreshToken, keyId, legacyFormat } = opened.value;
    const tokens = await sendTokenRequest(
      deps,
      buildRefreshTokenRequest({
        accountsUrl: deps.accountsUrl,
        client: { clientId: client.clientId, clientSecret: client.clientSecret },
        refreshToken,
      }),
    );
    if (!tokens.ok) return tokens;
    // Seal the rotated token; a token not under the primary key is re-sealed even without one.
    const offPrimary = keyId !== deps.keyring.ids[0];
    const toSeal = tokens.value.refreshToken ?? (offPrimary ? refreshToken : undefined);
    const sealed =
      toSeal === undefined
        ? undefined
        : await sealRefreshToken(toSeal, deps.keyring, { clientId: client.clientId });
    return ok({
      body: toRefreshResponse(tokens.value, sealed),
      client,
      ...(keyId === undefined ? {} : { keyId }),
      ...(legacyFormat === undefined ? {} : { legacyFormat }),
      resealed: sealed !== undefined,
    });
  } catch (error) {
    if (isTokenSwapError(error)) return fail(error);
    throw error;
  }
}

interface OpenedToken {
  refreshToken: string;
  keyId?: string;
  legacyFormat?: string;
}

async function openPosted<C extends FlowClient>(
  posted: string,
  deps: FlowDeps<C>,
  hooks: RefreshFlowHooks<C>,
  clientId: string,
): Promise<Result<OpenedToken>> {
  if (hooks.openUnsealed === undefined || looksSealed(posted)) {
    const opened = await openRefreshToken(posted, deps.keyring, { clientId });
    if (!opened.ok) return opened;
    return ok({ refreshToken: opened.value, keyId: sealedKeyId(posted) as string });
  }
  const legacy = hooks.openUnsealed(posted);
  if (legacy === undefined) return fail(invalidRefreshTokenError());
  return ok({ refreshToken: legacy.refreshToken, legacyFormat: legacy.format });
}
