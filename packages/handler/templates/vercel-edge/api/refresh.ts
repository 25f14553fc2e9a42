import { createTokenSwapHandler, fromEnv } from '@tokenswap/handler';

// Vercel serves this file at /api/refresh; REFRESH_PATH=/api/refresh tells the handler so.
export const config = { runtime: 'edge' };

export default createTokenSwapHandler(fromEnv(process.env));
