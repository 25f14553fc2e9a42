import { TokenSwapError } from '../errors.js';
import type { FlowClient } from './types.js';

/**
 * The app a request is for: the one its `client_id` names, or — when the request names none —
 * the only app. With several apps a request without `client_id` is refused: guessing the app
 * would exchange a code with the wrong credentials or open a token under the wrong client id.
 * An unknown `client_id` is `400 invalid_request` (not 401 `invalid_client`: the caller is an app,
 * not an OAuth client authenticating to this server). Throws the `TokenSwapError`.
 *
 * @example
 * ```ts
 * const client = selectClient(deps.clients, parsed.value.clientId);
 * ```
 */
export function selectClient<C extends FlowClient>(
  clients: readonly C[],
  clientId: string | undefined,
): C {
  if (clientId === undefined) {
    const only = clients.length === 1 ? clients[0] : undefined;
    if (only === undefined) {
      throw new TokenSwapError(
        'invalid_request',
        'client_id is required when the service serves several apps',
      );
    }
    return only;
  }
  const client = clients.find((candidate) => candidate.clientId === clientId);
  if (client === undefined) {
    throw new TokenSwapError('invalid_request', 'client_id is not served by this service');
  }
  return client;
}

/**
 * The redirect URI sent with a code exchange: the request's when the app allows it, else the
 * app's first. One outside the app's list is refused before the accounts service is called.
 * Throws the `TokenSwapError`.
 *
 * @example
 * ```ts
 * const redirectUri = allowedRedirectUri(client, request.redirectUri);
 * ```
 */
export function allowedRedirectUri(client: FlowClient, requested: string | undefined): string {
  if (requested === undefined) return client.redirectUris[0] as string;
  if (!client.redirectUris.includes(requested)) {
    throw new TokenSwapError('invalid_request', 'redirect_uri is not allowed for this client');
  }
  return requested;
}
