import { createTokenSwapHandler, fromEnv } from '@tokenswap/handler';

// Netlify Functions (v2): a fetch handler, mounted at the handler's own paths.
const handler = createTokenSwapHandler(fromEnv(process.env));

export default (request: Request): Promise<Response> => handler(request);

export const config = { path: ['/swap', '/refresh'] };
