/**
 * Why 32 key bytes cannot be a random key, or `undefined`. A random key is never refused in
 * practice: its 32 bytes take ~30 distinct values, and it has ~30 distinct steps between
 * neighbours; fewer than 16 of either has a probability far below 2^-100. What the checks catch
 * is a key someone typed: all zeros (or any one byte), a short pattern repeated, a counting
 * sequence (`00 01 02 …`). Never names the key material.
 *
 * @example
 * ```ts
 * weakKeyProblem(new Uint8Array(32)); // 'key is all zero bytes; …'
 * weakKeyProblem(crypto.getRandomValues(new Uint8Array(32))); // undefined
 * ```
 */
export function weakKeyProblem(bytes: Uint8Array): string | undefined {
  if (bytes.every((byte) => byte === 0)) return `key is all zero bytes; ${GENERATE}`;
  const distinct = new Set(bytes).size;
  const steps = new Set(bytes.subarray(1).map((byte, i) => (byte - (bytes[i] as number)) & 0xff));
  if (distinct < MIN_DISTINCT || steps.size < MIN_DISTINCT) {
    return `key has too little entropy (a repeated or counting pattern, not 32 random bytes); ${GENERATE}`;
  }
  return undefined;
}

const MIN_DISTINCT = 16;
const GENERATE = 'generate one with generateKeySpec (or the swap service keygen)';
