import { createTokenSwapHandler, fromEnv, type TokenSwapHandler } from '@tokenswap/handler';

// Workers hand the environment (vars and secrets) to each request, not to the module: the
// handler is made on the first request and kept for the isolate's life.
let handler: TokenSwapHandler | undefined;

export default {
  fetch(request: Request, env: Record<string, unknown>): Promise<Response> {
    handler ??= createTokenSwapHandler(fromEnv(env));
    return handler(request);
  },
};
