/**
 * @tokenswap/handler — the Spotify token swap/refresh contract as one Web-standard fetch handler.
 * Web APIs only (Request, Response, fetch, WebCrypto, AbortSignal): runs on Cloudflare Workers,
 * Vercel (Edge and Node), Netlify Functions, Deno, Bun and Node >= 20.
 */

export { fromEnv, TokenSwapConfigError } from './config/from-env.js';
export type { TokenSwapHandler } from './create-handler.js';
export { createTokenSwapHandler } from './create-handler.js';
export type { TokenSwapHandlerOptions } from './options.js';
