import {
  interpretTokenResponse,
  type Result,
  type TokenSet,
  type UpstreamRequest,
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
 * Sends one token request, records it in the metrics and lets core turn the answer into tokens
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
  const stopTimer = deps.metrics.upstreamDuration.startTimer({ grant });
  const answer = await deps.tokenClient.send(request);
  stopTimer();
  if (!answer.ok) {
    const outcome = answer.error.status === 504 ? 'timeout' : 'unreachable';
    deps.metrics.upstreamRequests.inc({ grant, outcome });
    return answer;
  }
  deps.metrics.upstreamRequests.inc({ grant, outcome: String(answer.value.status) });
  const { status, headers, bodyText } = answer.value;
  return interpretTokenResponse(status, headers, bodyText, { now: deps.now });
}
