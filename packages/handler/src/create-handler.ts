import {
  type FlowDeps,
  isTokenSwapError,
  methodNotAllowedError,
  notFoundError,
  refreshFlow,
  swapFlow,
  TOKEN_RESPONSE_HEADERS,
  TokenSwapError,
} from '@tokenswap/core';
import { errorAnswer, jsonAnswer } from './answer.js';
import { corsHeaders, preflightHeaders } from './cors.js';
import { type ResolvedOptions, resolveOptions, type TokenSwapHandlerOptions } from './options.js';
import { readBody } from './read-body.js';

/** A Web-standard fetch handler: what Workers, Deno, Bun, Vercel and Netlify call. */
export type TokenSwapHandler = (request: Request) => Promise<Response>;

/**
 * The swap service's contract as one fetch handler: `POST /swap` and `POST /refresh` (paths
 * configurable) through core's `swapFlow` / `refreshFlow`; form and JSON bodies; body limit;
 * 404/405/413/415; every answer OAuth JSON with `Cache-Control: no-store`; upstream timeout
 * (`AbortSignal.timeout`); several apps; CORS only when configured. Web APIs only.
 *
 * Give it the options, or a promise of them (`fromEnv(env)`): while it is pending requests wait;
 * if it rejects (bad configuration), every request answers 500 `server_error` and the problems
 * go to `console.error` once — never a platform error page.
 *
 * @example
 * ```ts
 * import { createTokenSwapHandler, fromEnv } from '@tokenswap/handler';
 * const handler = createTokenSwapHandler(fromEnv(process.env));
 * Bun.serve({ port: 3000, fetch: handler });
 * ```
 */
export function createTokenSwapHandler(
  options: TokenSwapHandlerOptions | Promise<TokenSwapHandlerOptions>,
): TokenSwapHandler {
  const ready = Promise.resolve(options).then(resolveOptions);
  let reported = false;
  ready.catch((error: unknown) => {
    reported = true;
    console.error(`tokenswap: not configured: ${describe(error)}`);
  });
  return async (request) => {
    let resolved: ResolvedOptions;
    try {
      resolved = await ready;
    } catch {
      if (!reported) console.error('tokenswap: not configured');
      return errorAnswer(
        new TokenSwapError('server_error', 'the swap server is not configured; see its log', {
          status: 500,
        }),
      );
    }
    return handle(resolved, request);
  };
}

async function handle(options: ResolvedOptions, request: Request): Promise<Response> {
  const cors = corsHeaders(options.corsOrigins, request.headers.get('origin'));
  try {
    const path = new URL(request.url).pathname.replace(/(.)\/$/, '$1');
    const flow =
      path === options.swapPath ? 'swap' : path === options.refreshPath ? 'refresh' : undefined;
    if (flow === undefined) return errorAnswer(notFoundError(request.method, path), cors);
    if (request.method === 'OPTIONS' && options.corsOrigins.length > 0) {
      return new Response(null, {
        status: 204,
        headers: { ...preflightHeaders(options.corsOrigins, request), ...TOKEN_RESPONSE_HEADERS },
      });
    }
    if (request.method !== 'POST') {
      return errorAnswer(methodNotAllowedError(request.method), { ...cors, allow: 'POST' });
    }
    const form = await readBody(request, options.bodyLimitBytes);
    if (!form.ok) return errorAnswer(form.error, cors);
    const deps = flowDeps(options);
    const outcome =
      flow === 'swap' ? await swapFlow(form.value, deps) : await refreshFlow(form.value, deps);
    if (!outcome.ok) return failed(options, outcome.error, cors);
    return jsonAnswer(200, outcome.value.body, cors);
  } catch (error) {
    const mapped = isTokenSwapError(error)
      ? error
      : new TokenSwapError('server_error', 'internal error', { status: 500, cause: error });
    return failed(options, mapped, cors);
  }
}

function flowDeps(options: ResolvedOptions): FlowDeps {
  return {
    accountsUrl: options.accountsUrl,
    clients: options.clients,
    keyring: options.keyring,
    send: options.fetch,
    now: options.now,
    timeoutMs: options.upstreamTimeoutMs,
  };
}

function failed(options: ResolvedOptions, error: TokenSwapError, cors: HeadersInit): Response {
  if (error.status >= 500) options.onServerError(error);
  return errorAnswer(error, cors);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
