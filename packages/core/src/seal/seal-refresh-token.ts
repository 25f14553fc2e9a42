import { encodeBase64Url } from '../internal/base64url.js';
import { type RandomSource, randomBytes, webCryptoRandom } from '../internal/random.js';
import { utf8Encoder } from '../internal/text.js';
import { additionalData, IV_BYTES, SEAL_VERSION } from './format.js';
import { type Keyring, keyringInternals } from './keyring.js';
import { bindingOf, type SealContext } from './seal-context.js';

/** Options of {@link sealRefreshToken}. */
export interface SealOptions {
  /** Source of the 96-bit IV; default WebCrypto's `getRandomValues`. Inject only in tests. */
  random?: RandomSource;
}

/**
 * Seals a refresh token for one client id with the keyring's first key:
 * `v1.<key id>.<base64url(iv ‖ ciphertext ‖ tag)>` (AES-256-GCM, fresh random 96-bit IV,
 * AAD = `"v1.<key id>.<client id>"`, plus `context.boundTo` when given — see `SealContext`). The token is encoded as UTF-8 (a lone surrogate becomes
 * U+FFFD). Throws only on programming errors: a keyring not made by `importKeyring`, or a
 * `random` that does not return 12 bytes.
 *
 * @example
 * ```ts
 * const sealed = await sealRefreshToken(tokens.refreshToken, keyring, { clientId });
 * // 'v1.2026-11.3q2-7wAAAA…'
 * ```
 */
export async function sealRefreshToken(
  token: string,
  keyring: Keyring,
  context: SealContext,
  options: SealOptions = {},
): Promise<string> {
  const inside = keyringInternals(keyring);
  if (inside === undefined) throw new TypeError('keyring must come from importKeyring');
  const binding = bindingOf(context);
  if (binding === undefined) throw new TypeError('context must have a string clientId');
  const keyId = inside.sealingId;
  const key = inside.keys.get(keyId) as CryptoKey;
  const iv = randomBytes(options.random ?? webCryptoRandom, IV_BYTES);
  const sealed = await inside.aesGcm.encrypt(
    key,
    iv,
    additionalData(keyId, binding),
    utf8Encoder.encode(token),
  );
  const payload = new Uint8Array(IV_BYTES + sealed.byteLength);
  payload.set(iv, 0);
  payload.set(sealed, IV_BYTES);
  return `${SEAL_VERSION}.${keyId}.${encodeBase64Url(payload)}`;
}
