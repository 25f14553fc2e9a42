import { TokenSwapError } from '@tokenswap/core';
import type { AppConfig } from '../config/apps-config.js';

/**
 * The app a request is for: the one its `client_id` names, or — when the request names none —
 * the only app. With several apps a request without `client_id` is refused: guessing the app
 * would exchange a code with the wrong credentials or open a token under the wrong client id.
 * An unknown `client_id` is `400 invalid_request` (not 401 `invalid_client`: the caller is an app,
 * not an OAuth client authenticating to this service).
 *
 * @example
 * ```ts
 * const app = selectApp(ctx.config.apps, parsed.value.clientId);
 * ```
 */
export function selectApp(apps: readonly AppConfig[], clientId: string | undefined): AppConfig {
  if (clientId === undefined) {
    const only = apps.length === 1 ? apps[0] : undefined;
    if (only === undefined) {
      throw new TokenSwapError(
        'invalid_request',
        'client_id is required when the service serves several apps',
      );
    }
    return only;
  }
  const app = apps.find((candidate) => candidate.clientId === clientId);
  if (app === undefined) {
    throw new TokenSwapError('invalid_request', 'client_id is not served by this service');
  }
  return app;
}

/**
 * The redirect URI sent with a code exchange: the request's when the app allows it, else the
 * app's first. One outside the app's list is refused before the accounts service is called.
 *
 * @example
 * ```ts
 * const redirectUri = allowedRedirectUri(app, request.redirectUri);
 * ```
 */
export function allowedRedirectUri(app: AppConfig, requested: string | undefined): string {
  if (requested === undefined) return app.redirectUris[0] as string;
  if (!app.redirectUris.includes(requested)) {
    throw new TokenSwapError('invalid_request', 'redirect_uri is not allowed for this client');
  }
  return requested;
}
