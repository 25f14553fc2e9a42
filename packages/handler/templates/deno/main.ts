import { createTokenSwapHandler, fromEnv } from 'npm:@tokenswap/handler@^0.1.0';

// Deno and Deno Deploy: `deno run --allow-net --allow-env main.ts` (Deploy ignores the port).
const handler = createTokenSwapHandler(fromEnv(Deno.env.toObject()));

Deno.serve({ port: Number(Deno.env.get('PORT') ?? 8000), hostname: Deno.env.get('HOST') }, handler);
