import { spawnSync } from 'node:child_process';
import * as nodeCrypto from 'node:crypto';

/**
 * What Node's removed `crypto.createCipher(method, secret)` produced, hex — made by the
 * `openssl` CLI: `enc -<method> -nosalt -md md5 -pass pass:<secret>` derives key and IV with
 * the same EVP_BytesToKey (MD5, one iteration, no salt). Independent of our implementation.
 * The secret goes in an environment variable, never on a command line.
 */
export function opensslCreateCipherHex(plaintext: string, secret: string, method: string): string {
  const result = spawnSync(
    'openssl',
    ['enc', `-${method}`, '-nosalt', '-md', 'md5', '-pass', 'env:LEGACY_TEST_SECRET'],
    {
      input: plaintext,
      env: { ...process.env, LEGACY_TEST_SECRET: secret },
      timeout: 30_000,
    },
  );
  if (result.error !== undefined) {
    throw new Error(
      `openssl could not run (${result.error.message}); install it: apt-get install -y openssl`,
    );
  }
  if (result.status !== 0) throw new Error(`openssl failed: ${result.stderr.toString()}`);
  return result.stdout.toString('hex');
}

type LegacyCreateCipher = (method: string, password: string) => nodeCrypto.Cipher;

/**
 * Node's own `crypto.createCipher` where this Node still has it (≤ 21; removed in 22). The
 * React Native example server called exactly this. `undefined` on Node 22+.
 */
export const nodeCreateCipher: LegacyCreateCipher | undefined = (() => {
  const candidate = (nodeCrypto as unknown as { createCipher?: unknown }).createCipher;
  return typeof candidate === 'function' ? (candidate as LegacyCreateCipher) : undefined;
})();

/** `createCipher(method, secret)` → hex, as the example server's `encrypt()` did. */
export function nodeCreateCipherHex(plaintext: string, secret: string, method: string): string {
  if (nodeCreateCipher === undefined) throw new Error('crypto.createCipher is gone from this Node');
  const cipher = nodeCreateCipher(method, secret);
  return cipher.update(plaintext, 'utf8', 'hex') + cipher.final('hex');
}
