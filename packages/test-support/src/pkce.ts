import { createHash, randomBytes } from 'node:crypto';

/**
 * A fresh PKCE verifier (64 base64url characters) and its S256 challenge, computed here with
 * Node's crypto rather than core's so a test never checks core against itself.
 */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(48).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}
