import { createTokenSwapHandler, fromEnv } from '@tokenswap/handler';

// `bun run index.ts`: Bun.serve takes the fetch handler as it is.
const handler = createTokenSwapHandler(fromEnv(process.env));

Bun.serve({
  port: Number(process.env.PORT ?? 3000),
  hostname: process.env.HOST ?? '0.0.0.0',
  fetch: handler,
});
