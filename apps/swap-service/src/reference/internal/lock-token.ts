import { randomBytes } from 'node:crypto';

/** A random owner token for a refresh lock (128 bits), so only the owner can release it. */
export function newLockToken(): string {
  return randomBytes(16).toString('base64url');
}
