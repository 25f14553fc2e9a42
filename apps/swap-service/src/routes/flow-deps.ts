import type { FlowDeps } from '@tokenswap/core';
import type { AppContext } from '../app-context.js';
import type { ClientConfig } from '../config/clients-config.js';
import type { UpstreamGrant } from '../metrics.js';
import { meteredSend } from '../upstream/call-token-endpoint.js';

/**
 * What core's swap and refresh flows need, from the service's context: its clients, keyring, clock
 * and the undici token client as a metered `send` (its own timeouts, so no `timeoutMs`).
 */
export function flowDeps(ctx: AppContext, grant: UpstreamGrant): FlowDeps<ClientConfig> {
  return {
    accountsUrl: ctx.config.accountsUrl,
    clients: ctx.config.clients,
    keyring: ctx.keyring,
    send: meteredSend(ctx, grant),
    now: ctx.now,
  };
}
