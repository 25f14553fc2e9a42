import { createTokenSwapHandler, fromEnv } from '@tokenswap/handler';

// Node.js runtime with the Web signature: Vercel calls POST(request) for POST /api/refresh and
// answers 405 for other methods itself. REFRESH_PATH=/api/refresh tells the handler its path.
const handler = createTokenSwapHandler(fromEnv(process.env));

export function POST(request: Request): Promise<Response> {
  return handler(request);
}
