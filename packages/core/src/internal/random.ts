/** A source of random bytes: returns a fresh `Uint8Array` of exactly `n` bytes. */
export type RandomSource = (n: number) => Uint8Array;

/**
 * The default random source: WebCrypto's CSPRNG. Every function that uses randomness takes a
 * `random` option so tests and vectors can inject a deterministic one.
 */
export const webCryptoRandom: RandomSource = (n) =>
  globalThis.crypto.getRandomValues(new Uint8Array(n));

/** Calls `random(n)` and checks it kept its promise; a wrong length is a programming error. */
export function randomBytes(random: RandomSource, n: number): Uint8Array {
  const bytes = random(n);
  if (!(bytes instanceof Uint8Array) || bytes.length !== n) {
    throw new TypeError(`random source must return a Uint8Array of ${n} bytes`);
  }
  return bytes;
}
