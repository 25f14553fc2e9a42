import { createCipheriv, createHash } from 'node:crypto';

/**
 * Refresh tokens in the formats of the servers tokenswap replaces, made here independently of
 * the service's openers (node:crypto plus a few lines of EVP_BytesToKey), so the fuzz can post
 * valid and near-valid legacy tokens. See /work/shared/NOTES.md for the formats.
 */

/** OpenSSL's EVP_BytesToKey, MD5, one iteration. */
function bytesToKey(
  password: string,
  salt: Buffer | undefined,
  keyLength: number,
  ivLength: number,
) {
  let material = Buffer.alloc(0);
  let previous = Buffer.alloc(0);
  while (material.length < keyLength + ivLength) {
    const md5 = createHash('md5').update(previous).update(password, 'utf8');
    if (salt !== undefined) md5.update(salt);
    previous = md5.digest();
    material = Buffer.concat([material, previous]);
  }
  return {
    key: material.subarray(0, keyLength),
    iv: material.subarray(keyLength, keyLength + ivLength),
  };
}

const OPENSSL = Buffer.from('OpenSSL ', 'latin1');

/** `token.encrypt(:symmetric, password: secret)` of the `encrypted_strings` gem. */
export function encryptedStrings(token: string, secret: string): string {
  const { key } = bytesToKey(secret, OPENSSL, 24, 0);
  const cipher = createCipheriv('des-ede3-cbc', key, OPENSSL);
  const base64 = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]).toString('base64');
  // Ruby's Base64.encode64: a newline every 60 characters and at the end.
  return `${base64.replace(/(.{60})/g, '$1\n').replace(/\n$/, '')}\n`;
}

/** Node's removed `crypto.createCipher('aes-256-ctr', secret)`, hex. */
export function createCipherHex(token: string, secret: string): string {
  const { key, iv } = bytesToKey(secret, undefined, 32, 16);
  const cipher = createCipheriv('aes-256-ctr', key, iv);
  return Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]).toString('hex');
}
