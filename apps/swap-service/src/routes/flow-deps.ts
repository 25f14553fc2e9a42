import type { FlowDeps } from '@tokenswap/core';
import type { AppContext } from '../app-context.js';
import type { AppConfig } from '../config/apps-config.js';
import type { UpstreamGrant } from '../metrics.js';
import { meteredSend } from '../upstream/call-token-endpoint.js';

/**
 * What core's swap and refresh flows need, from the service's context: its apps, keyring, clock
 * and the undici token client as a metered `send` (its own timeouts, so no `timeoutMs`).
 */
export function flowDeps(ctx: AppContext, grant: UpstreamGrant): FlowDeps<AppConfig> {
  return {
    accountsUrl: ctx.config.accountsUrl,
    clients: ctx.config.apps,
    keyring: ctx.keyring,
    send: meteredSend(ctx, grant),
    now: ctx.now,
  };
}
