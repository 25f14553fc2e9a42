import { type AesGcm, webCryptoAesGcm } from './aes-gcm.js';

/**
 * A set of imported sealing keys. The first id seals; every id opens. The `CryptoKey`s live
 * inside (not enumerable, not extractable) so a keyring can be logged without leaking keys.
 */
export interface Keyring {
  /** Key ids in order; `ids[0]` seals. */
  readonly ids: readonly string[];
}

/** What a keyring holds, kept out of reach of callers. */
export interface KeyringInternals {
  sealingId: string;
  keys: ReadonlyMap<string, CryptoKey>;
  /** The cipher its keys seal and open with (WebCrypto unless `importKeyring` was given one). */
  aesGcm: AesGcm;
}

const internals = new WeakMap<Keyring, KeyringInternals>();

/** Creates the opaque, frozen keyring object for imported keys. */
export function createKeyring(
  ids: readonly string[],
  keys: ReadonlyMap<string, CryptoKey>,
  aesGcm: AesGcm = webCryptoAesGcm,
): Keyring {
  const keyring: Keyring = Object.freeze({ ids: Object.freeze([...ids]) });
  internals.set(keyring, { sealingId: ids[0] as string, keys, aesGcm });
  return keyring;
}

/** The keys of a keyring made by `importKeyring`, or `undefined` for anything else. */
export function keyringInternals(keyring: unknown): KeyringInternals | undefined {
  return typeof keyring === 'object' && keyring !== null
    ? internals.get(keyring as Keyring)
    : undefined;
}
