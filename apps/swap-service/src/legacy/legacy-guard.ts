import { invalidRefreshTokenError, looksSealed, parseRefreshRequest } from '@tokenswap/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { AppContext } from '../app-context.js';
import { serviceError } from '../errors.js';
import { COMPAT_PATHS } from '../paths.js';
import { readForm } from '../routes/read-form.js';
import { createFailureBudget } from './failure-budget.js';

/**
 * Bounds the legacy `createCipher` (aes-256-ctr) plaintext oracle (docs/migrating.md). A stream
 * cipher has no integrity check: flipping one ciphertext byte through its 255 values, the flips
 * whose plaintext still looks like a token reach the accounts service and the others are refused
 * at once — ~255 requests recover a byte, and every legacy token shares one keystream. So:
 *
 * - **budget** — each client address may fail at most `LEGACY_FAILED_OPENS_MAX` legacy refreshes
 *   per `LEGACY_FAILED_OPENS_WINDOW_MS`; past it, its legacy refreshes get `429` (with
 *   `Retry-After`) before anything is opened, so the probes stop answering. Refused locally or
 *   upstream, a failed legacy refresh counts either way: both outcomes are the oracle's output.
 * - **sunset** — from `LEGACY_SUNSET` on, a legacy token is refused (`invalid_grant`) unopened.
 *
 * Only requests that would take the legacy path are touched: sealed tokens and reference
 * handles pass untouched. Registered (with `fastify-plugin`) in the token routes' scope.
 */
export const legacyGuardPlugin = fp(
  async (app: FastifyInstance, options: { ctx: AppContext }) => {
    const { ctx } = options;
    const { legacy, paths, compatRoutes } = ctx.config;
    const refreshPaths = new Set([paths.refresh, ...(compatRoutes ? [COMPAT_PATHS.refresh] : [])]);
    const budget =
      legacy.failedOpensMax === 0
        ? undefined
        : createFailureBudget({ max: legacy.failedOpensMax, windowMs: legacy.failedOpensWindowMs });
    const admitted = new WeakSet<FastifyRequest>();

    app.addHook('preHandler', async (request) => {
      if (!refreshPaths.has(request.routeOptions.url ?? '')) return;
      if (!takesLegacyPath(ctx, request.body)) return;
      if (legacy.sunset !== null && ctx.now() >= legacy.sunset) {
        request.log.info('legacy refresh token refused: LEGACY_SUNSET has passed');
        throw invalidRefreshTokenError();
      }
      if (budget === undefined) return;
      const wait = budget.acquire(request.ip, ctx.now());
      if (wait > 0) throw serviceError('legacyOverBudget', wait);
      admitted.add(request);
    });
    const release = (request: FastifyRequest, failed: boolean) => {
      if (budget === undefined || !admitted.has(request)) return;
      admitted.delete(request);
      budget.release(request.ip, failed, ctx.now());
    };
    app.addHook('onResponse', async (request, reply) => release(request, reply.statusCode === 400));
    // A probe whose client hung up still counts: it may have learnt from the timing.
    app.addHook('onRequestAbort', async (request) => release(request, true));
  },
  { name: 'tokenswap-legacy-guard', fastify: '5.x' },
);

/** True when the refresh route would try the posted token with the legacy openers. */
function takesLegacyPath(ctx: AppContext, body: unknown): boolean {
  if (ctx.legacy === undefined) return false;
  const parsed = parseRefreshRequest(readForm(body));
  if (!parsed.ok) return false;
  const token = parsed.value.refreshToken;
  if (ctx.handles?.owns(token) === true) return false;
  return !looksSealed(token);
}
