import { createTokenSwapHandler, fromEnv } from '@tokenswap/handler';

// Vercel serves this file at /api/swap; SWAP_PATH=/api/swap tells the handler so.
export const config = { runtime: 'edge' };

export default createTokenSwapHandler(fromEnv(process.env));
