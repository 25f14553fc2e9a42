import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { evpBytesToKey } from '../../src/legacy/index.js';
import { opensslCli } from './helpers/external-tools.js';

/** `openssl enc -P` prints the key and IV it derived with EVP_BytesToKey, without encrypting. */
function opensslDerived(cipher: string, password: string, saltHex?: string) {
  const saltArgs = saltHex === undefined ? ['-nosalt'] : ['-S', saltHex];
  const result = spawnSync(
    'openssl',
    ['enc', `-${cipher}`, '-md', 'md5', '-P', ...saltArgs, '-pass', 'env:LEGACY_TEST_SECRET'],
    { encoding: 'utf8', env: { ...process.env, LEGACY_TEST_SECRET: password }, timeout: 30_000 },
  );
  if (result.status !== 0) throw new Error(`openssl failed: ${result.stderr}`);
  const field = (name: string) =>
    new RegExp(`^${name}\\s*=\\s*([0-9A-F]+)`, 'm').exec(result.stdout)?.[1]?.toLowerCase();
  return { key: field('key'), iv: field('iv') };
}

describe(`evpBytesToKey matches OpenSSL's EVP_BytesToKey (MD5, 1 iteration)${opensslCli.skipNote}`, () => {
  it.skipIf(opensslCli.skip)(
    'no salt, 32+16 bytes (createCipher aes-256-ctr), for several passwords',
    () => {
      for (const password of [
        'hunter2',
        'cFJLyifeUJUBFWdHzVbykfDmPHtLKLGzViHW9aHGmyTLD8hGXC',
        'ü€',
      ]) {
        const ours = evpBytesToKey(Buffer.from(password), undefined, 32, 16);
        const theirs = opensslDerived('aes-256-ctr', password);
        expect({ key: ours.key.toString('hex'), iv: ours.iv.toString('hex') }).toEqual(theirs);
      }
    },
    30_000,
  );

  it.skipIf(opensslCli.skip)(
    'salt "OpenSSL ", 24+8 bytes (DES-EDE3-CBC as encrypted_strings derives it)',
    () => {
      const ours = evpBytesToKey(Buffer.from('secret'), Buffer.from('OpenSSL '), 24, 8);
      const theirs = opensslDerived(
        'des-ede3-cbc',
        'secret',
        Buffer.from('OpenSSL ').toString('hex'),
      );
      expect({ key: ours.key.toString('hex'), iv: ours.iv.toString('hex') }).toEqual(theirs);
    },
    30_000,
  );
});

describe('evpBytesToKey', () => {
  it('returns exactly the requested lengths, key bytes first, IV bytes next', () => {
    const long = evpBytesToKey(Buffer.from('pw'), undefined, 32, 16);
    const short = evpBytesToKey(Buffer.from('pw'), undefined, 16, 0);
    expect(long.key).toHaveLength(32);
    expect(long.iv).toHaveLength(16);
    expect(short.iv).toHaveLength(0);
    // The derivation is one stream of bytes: a shorter key is a prefix of a longer one.
    expect(long.key.subarray(0, 16).equals(short.key)).toBe(true);
  });

  it('depends on the password and on the salt', () => {
    const a = evpBytesToKey(Buffer.from('a'), undefined, 24, 8);
    const b = evpBytesToKey(Buffer.from('b'), undefined, 24, 8);
    const salted = evpBytesToKey(Buffer.from('a'), Buffer.from('OpenSSL '), 24, 8);
    expect(a.key.equals(b.key)).toBe(false);
    expect(a.key.equals(salted.key)).toBe(false);
  });
});
