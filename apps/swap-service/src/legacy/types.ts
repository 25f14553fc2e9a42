/**
 * The formats of refresh tokens that old swap servers handed out:
 * - `'encrypted-strings'`: the `encrypted_strings` gem (Spotify's Ruby sample, bih's server);
 * - `'create-cipher'`: Node's removed `crypto.createCipher` (the React Native example server).
 */
export type LegacyFormat = 'encrypted-strings' | 'create-cipher';

/** What `open` answers: the real refresh token and its format, or a uniform failure. */
export type LegacyOpenResult =
  | { ok: true; refreshToken: string; format: LegacyFormat }
  | { ok: false };

/** Options of `createLegacyOpeners`. */
export interface LegacyOpenersOptions {
  /**
   * The old servers' `ENCRYPTION_SECRET` values, tried in this order (put the newest first when
   * an old deployment rotated its secret). Empty list: nothing opens.
   */
  readonly secrets: readonly string[];
  /** The React Native example server's `ENCRYPTION_METHOD`; default `'aes-256-ctr'`. */
  readonly createCipherMethod?: string;
}

/** Opens legacy refresh tokens; see `createLegacyOpeners`. */
export interface LegacyOpener {
  /** Never throws; every failure is the same `{ ok: false }`. */
  open(token: string): LegacyOpenResult;
}
