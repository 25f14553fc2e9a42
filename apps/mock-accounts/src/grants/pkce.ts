import { createHash } from 'node:crypto';

const VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;

/** True if `verifier` is well-formed (RFC 7636) and its S256 transform equals `challenge`. */
export function verifyS256(verifier: string, challenge: string): boolean {
  if (!VERIFIER.test(verifier)) return false;
  return createHash('sha256').update(verifier).digest('base64url') === challenge;
}
