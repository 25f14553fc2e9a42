import { describe, expect, it } from 'vitest';
import { decryptEncryptedStrings } from '../../src/legacy/index.js';

const base64 = (text: string) => Buffer.from(text, 'base64');

describe('decryptEncryptedStrings (DES-EDE3-CBC, encrypted_strings gem)', () => {
  it('opens the known vector from NOTES.md: "MU6e/5LvhKA=\\n" under "secret" is "test"', () => {
    expect(decryptEncryptedStrings(base64('MU6e/5LvhKA=\n'), 'secret')?.toString('utf8')).toBe(
      'test',
    );
  });

  it('gives undefined for the known vector under a wrong secret (bad padding)', () => {
    expect(decryptEncryptedStrings(base64('MU6e/5LvhKA='), 'Secret')).toBeUndefined();
  });

  it('gives undefined, without throwing, for ciphertext that is not whole 8-byte blocks', () => {
    expect(decryptEncryptedStrings(Buffer.alloc(0), 'secret')).toBeUndefined();
    expect(decryptEncryptedStrings(Buffer.alloc(7), 'secret')).toBeUndefined();
    expect(decryptEncryptedStrings(Buffer.alloc(12), 'secret')).toBeUndefined();
  });
});
