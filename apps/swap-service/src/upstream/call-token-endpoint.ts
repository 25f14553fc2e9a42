import {
  type Result,
  sendTokenRequest,
  type TokenSet,
  type UpstreamRequest,
  type UpstreamSend,
} from '@tokenswap/core';
import type { ServiceMetrics, UpstreamGrant } from '../metrics.js';
import type { TokenClient } from './token-client.js';

/** What {@link callTokenEndpoint} needs. */
export interface TokenEndpointDeps {
  tokenClient: TokenClient;
  metrics: ServiceMetrics;
  /** Clock for HTTP-date `Retry-After` values, ms since epoch. */
  now: () => number;
}

/**
 * The service's `send` for core's flows: the undici token client (its own timeouts), each call
 * timed and counted in the metrics under `grant`. No answer is thrown as the token client's
 * `TokenSwapError` (504 timeout, 502 unreachable), which core answers as is.
 *
 * @example
 * ```ts
 * const outcome = await refreshFlow(form, { ...deps, send: meteredSend(ctx, 'refresh_token') });
 * ```
 */
export function meteredSend(
  deps: Pick<TokenEndpointDeps, 'tokenClient' | 'metrics'>,
  grant: UpstreamGrant,
): UpstreamSend {
  return async (url, init) => {
    const started = performance.now();
    const answer = await deps.tokenClient.send({
      method: init.method,
      url,
      headers: init.headers,
      body: init.body,
    });
    const seconds = (performance.now() - started) / 1000;
    if (!answer.ok) {
      const outcome = answer.error.status === 504 ? 'timeout' : 'unreachable';
      deps.metrics.countUpstreamCall(grant, outcome, seconds);
      throw answer.error;
    }
    deps.metrics.countUpstreamCall(grant, String(answer.value.status), seconds);
    const { status, headers, bodyText } = answer.value;
    return { status, headers, text: async () => bodyText };
  };
}

/**
 * Sends one token request through {@link meteredSend} and lets core turn the answer into tokens
 * or the error to answer with (core's mapping table).
 *
 * @example
 * ```ts
 * const tokens = await callTokenEndpoint(deps, 'refresh_token', buildRefreshTokenRequest(p));
 * ```
 */
export async function callTokenEndpoint(
  deps: TokenEndpointDeps,
  grant: UpstreamGrant,
  request: UpstreamRequest,
): Promise<Result<TokenSet>> {
  return sendTokenRequest({ send: meteredSend(deps, grant), now: deps.now }, request);
}
