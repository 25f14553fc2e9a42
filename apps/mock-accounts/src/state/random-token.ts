import { randomFillSync } from 'node:crypto';

// One syscall fills many tokens' worth of randomness: the token endpoint stays cheap under a
// benchmark. Bytes are used once and never reused.
const POOL_SIZE = 64 * 1024;
const pool = Buffer.allocUnsafe(POOL_SIZE);
let offset = POOL_SIZE;

function take(bytes: number): Buffer {
  if (offset + bytes > POOL_SIZE) {
    randomFillSync(pool);
    offset = 0;
  }
  const slice = pool.subarray(offset, offset + bytes);
  offset += bytes;
  return slice;
}

/**
 * A random opaque value shaped like Spotify's (codes and refresh tokens start with 'AQ',
 * access tokens with 'BQ'; 'CN' marks the mock's consent ids), so clients that sniff prefixes
 * or lengths behave as in production. `source` (the `randomBytes` option) replaces the OS's
 * randomness, for replayable runs.
 *
 * @example
 * randomToken('AQ', 96); // 'AQ' + 128 base64url characters
 */
export function randomToken(
  prefix: 'AQ' | 'BQ' | 'CN',
  bytes: number,
  source?: (size: number) => Uint8Array,
): string {
  const raw = source === undefined ? take(bytes) : Buffer.from(source(bytes));
  return prefix + raw.toString('base64url');
}
