import { parseSwapRequest } from '../contract/parse-swap-request.js';
import { toSwapResponse } from '../contract/responses.js';
import type { TokenSwapResponse } from '../contract/types.js';
import { fail, isTokenSwapError, ok, type Result, TokenSwapError } from '../errors.js';
import type { FormInput } from '../internal/fields.js';
import { sealRefreshToken } from '../seal/seal-refresh-token.js';
import { buildAuthorizationCodeRequest } from '../upstream/build-authorization-code-request.js';
import type { TokenSet } from '../upstream/types.js';
import { allowedRedirectUri, selectClient } from './select-client.js';
import { sendTokenRequest } from './send-token-request.js';
import type { FlowClient, FlowDeps } from './types.js';

/** Where a server keeps Spotify's refresh token differently from sealing it (reference mode). */
export interface SwapFlowHooks<C extends FlowClient> {
  /**
   * Keeps Spotify's refresh token and returns what the app gets as `refresh_token`; may throw a
   * `TokenSwapError`. Default: sealed under the keyring's first key for the client id.
   */
  keepRefreshToken?: (refreshToken: string, client: C, tokens: TokenSet) => Promise<string>;
}

/** A served swap: the answer and the app it was for. */
export interface SwapOutcome<C extends FlowClient> {
  body: TokenSwapResponse;
  client: C;
}

/**
 * The swap, transport-free: parse the form → pick the app (`client_id`) and its redirect URI →
 * build the code exchange → send → interpret → seal → answer. Never retried (a code is
 * single-use). Never throws: every refusal is a `TokenSwapError` result to answer with.
 *
 * @example
 * ```ts
 * const outcome = await swapFlow(new URLSearchParams(await request.text()), {
 *   accountsUrl, clients, keyring, send: fetch, timeoutMs: 10_000,
 * });
 * if (!outcome.ok) return Response.json(outcome.error.toJSON(), { status: outcome.error.status });
 * ```
 */
export async function swapFlow<C extends FlowClient>(
  form: FormInput,
  deps: FlowDeps<C>,
  hooks: SwapFlowHooks<C> = {},
): Promise<Result<SwapOutcome<C>>> {
  try {
    const parsed = parseSwapRequest(form);
    if (!parsed.ok) return parsed;
    const request = parsed.value;
    // A client_id or redirect_uri naming another app is refused before the accounts service is
    // called, rather than exchanged with the wrong credentials or redirect URI.
    const client = selectClient(deps.clients, request.clientId);
    const redirectUri = allowedRedirectUri(client, request.redirectUri);
    if (client.pkceOnly === true && request.codeVerifier === undefined) {
      return fail(
        new TokenSwapError('invalid_request', 'code_verifier is required for this client (PKCE)'),
      );
    }
    const tokens = await sendTokenRequest(
      deps,
      buildAuthorizationCodeRequest({
        accountsUrl: deps.accountsUrl,
        client: { clientId: client.clientId, clientSecret: client.clientSecret },
        code: request.code,
        redirectUri,
        ...(request.codeVerifier === undefined ? {} : { codeVerifier: request.codeVerifier }),
      }),
    );
    if (!tokens.ok) return tokens;
    const refreshToken = tokens.value.refreshToken;
    if (refreshToken === undefined) {
      return fail(
        new TokenSwapError(
          'server_error',
          'The accounts service answered without a refresh_token',
          {
            status: 502,
          },
        ),
      );
    }
    const kept =
      hooks.keepRefreshToken === undefined
        ? await sealRefreshToken(refreshToken, deps.keyring, { clientId: client.clientId })
        : await hooks.keepRefreshToken(refreshToken, client, tokens.value);
    return ok({ body: toSwapResponse(tokens.value, kept), client });
  } catch (error) {
    if (isTokenSwapError(error)) return fail(error);
    throw error;
  }
}
