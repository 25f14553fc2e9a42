import { encodeBase64Url } from '../internal/base64url.js';
import { type RandomSource, randomBytes, webCryptoRandom } from '../internal/random.js';
import { KEY_BYTES } from './format.js';
import type { KeySpec } from './key-spec.js';

/** Options of {@link generateKeySpec}. */
export interface GenerateKeySpecOptions {
  /** Key id; default `k` + 8 random Base64url characters. Checked by `importKeyring`. */
  id?: string;
  /** Random source; default WebCrypto's `getRandomValues`. */
  random?: RandomSource;
}

/**
 * A fresh key spec: 32 random bytes as Base64url. For a keygen command; put
 * `formatKeyringSpec([spec, ...old])` in `TOKEN_ENCRYPTION_KEYS`.
 *
 * @example
 * ```ts
 * const spec = generateKeySpec({ id: '2026-11' });
 * console.log(`${spec.id}:${spec.key}`);
 * ```
 */
export function generateKeySpec(options: GenerateKeySpecOptions = {}): KeySpec {
  const random = options.random ?? webCryptoRandom;
  const id = options.id ?? `k${encodeBase64Url(randomBytes(random, 6))}`;
  return { id, key: encodeBase64Url(randomBytes(random, KEY_BYTES)) };
}

/**
 * The `"kid:key,kid2:key2"` string for key specs with `key` (the inverse of `parseKeyringSpec`).
 * Passphrase specs have no string form and are skipped.
 *
 * @example
 * ```ts
 * formatKeyringSpec([generateKeySpec({ id: 'new' }), ...current]);
 * ```
 */
export function formatKeyringSpec(specs: readonly KeySpec[]): string {
  return specs
    .filter((s) => s.key !== undefined)
    .map((s) => `${s.id}:${s.key}`)
    .join(',');
}
