import { repairRefreshToken } from '@tokenswap/core';
import {
  createCipherParameters,
  DEFAULT_CREATE_CIPHER_METHOD,
  decryptCreateCipher,
} from './create-cipher.js';
import { decryptEncryptedStrings } from './encrypted-strings.js';
import { plausibleRefreshToken } from './plausible-refresh-token.js';
import { tokenAlphabet } from './token-alphabet.js';
import type {
  LegacyFormat,
  LegacyOpener,
  LegacyOpenersOptions,
  LegacyOpenResult,
} from './types.js';

/**
 * Longest token (after the repair) worth trying. Core already caps a posted refresh_token at
 * 8192 bytes; this guard only keeps the opener cheap when called directly.
 */
export const MAX_LEGACY_TOKEN_LENGTH = 16_384;

const NOT_OPENED: LegacyOpenResult = Object.freeze({ ok: false });

/**
 * Builds the opener for refresh tokens handed out by the swap servers tokenswap replaces:
 *
 * - `'encrypted-strings'` — Spotify's Ruby sample and bih/spotify-token-swap-service
 *   (`encrypted_strings` gem: DES-EDE3-CBC, Base64 with line breaks);
 * - `'create-cipher'` — the React Native SDK wrappers' example server (Node's removed
 *   `crypto.createCipher(ENCRYPTION_METHOD, ENCRYPTION_SECRET)`, hex).
 *
 * `open(token)` normalizes the token (core's `repairRefreshToken`: `+` read as space, leftover
 * `%XX`, literal `\n` pairs, line breaks), then tries each format only where its alphabet
 * allows, each with every secret in the given order (old and rotated secrets):
 *
 * 1. hex text → `create-cipher` first. Even-length hex is *also* valid Base64, so if no secret
 *    opens it as `create-cipher`, it is tried as `encrypted-strings` too — the gem's Base64 of
 *    a ≥ 8-byte ciphertext is all-hex only by vanishing chance, but trying costs little and
 *    the plaintext check below keeps either order from accepting garbage;
 * 2. Base64 text (not hex) → `encrypted-strings` only.
 *
 * A decryption counts only if the plaintext looks like a refresh token
 * (`plausibleRefreshToken`): printable ASCII after 3DES (whose padding check already rejects
 * most wrong secrets), the refresh-token alphabet after a stream cipher (which rejects none).
 *
 * `open` is pure and never throws; every failure is the same `{ ok: false }`, so a caller cannot
 * leak *why* (wrong secret, wrong format, garbage). Throws only at construction, for a
 * `createCipherMethod` this Node cannot reproduce (a config error to stop start-up on).
 *
 * @example
 * ```ts
 * const legacy = createLegacyOpeners({ secrets: config.legacy.secrets, createCipherMethod: 'aes-256-ctr' });
 * const opened = legacy.open(postedRefreshToken);
 * if (opened.ok) refreshUpstream(opened.refreshToken); // opened.format for metrics
 * ```
 */
export function createLegacyOpeners(options: LegacyOpenersOptions): LegacyOpener {
  const method = options.createCipherMethod ?? DEFAULT_CREATE_CIPHER_METHOD;
  if (createCipherParameters(method) === undefined) {
    throw new RangeError(
      `createCipherMethod "${method}" is not a cipher whose createCipher output can be opened here`,
    );
  }
  const secrets = Object.freeze([...options.secrets]);

  const openCreateCipher = (hex: string): string | undefined => {
    const ciphertext = Buffer.from(hex, 'hex');
    for (const secret of secrets) {
      const plaintext = decryptCreateCipher(ciphertext, secret, method);
      const token = plaintext && plausibleRefreshToken(plaintext, 'token');
      if (token !== undefined) return token;
    }
    return undefined;
  };

  const openEncryptedStrings = (base64: string): string | undefined => {
    const ciphertext = Buffer.from(base64, 'base64');
    for (const secret of secrets) {
      const plaintext = decryptEncryptedStrings(ciphertext, secret);
      const token = plaintext && plausibleRefreshToken(plaintext, 'printable');
      if (token !== undefined) return token;
    }
    return undefined;
  };

  const opened = (refreshToken: string, format: LegacyFormat): LegacyOpenResult => ({
    ok: true,
    refreshToken,
    format,
  });

  return {
    open(token: string): LegacyOpenResult {
      if (typeof token !== 'string' || secrets.length === 0) return NOT_OPENED;
      // Percent-encoding at most triples a token; anything longer cannot be one.
      if (token.length > MAX_LEGACY_TOKEN_LENGTH * 3) return NOT_OPENED;
      const compact = repairRefreshToken(token);
      if (compact.length === 0 || compact.length > MAX_LEGACY_TOKEN_LENGTH) return NOT_OPENED;
      const alphabet = tokenAlphabet(compact);
      if (alphabet.hex) {
        const refreshToken = openCreateCipher(compact);
        if (refreshToken !== undefined) return opened(refreshToken, 'create-cipher');
      }
      if (alphabet.base64) {
        const refreshToken = openEncryptedStrings(compact);
        if (refreshToken !== undefined) return opened(refreshToken, 'encrypted-strings');
      }
      return NOT_OPENED;
    },
  };
}
