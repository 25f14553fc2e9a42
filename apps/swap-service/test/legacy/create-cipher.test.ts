import { describe, expect, it } from 'vitest';
import {
  createCipherParameters,
  DEFAULT_CREATE_CIPHER_METHOD,
  decryptCreateCipher,
} from '../../src/legacy/index.js';
import { opensslCli } from './helpers/external-tools.js';
import {
  nodeCreateCipher,
  nodeCreateCipherHex,
  opensslCreateCipherHex,
} from './helpers/openssl-create-cipher.js';

const REFRESH_TOKEN = 'AQD5tQ9rFk3nX_8vYw-Lq2mZcB7uHjR0sEe4TgWpKoNaVbCdIyUf6xJhM1lS';

describe(`decryptCreateCipher opens tokens made by the openssl CLI${opensslCli.skipNote}`, () => {
  it.runIf(process.env.CI)('openssl is installed (CI must run these, not skip them)', () => {
    expect(opensslCli.available).toBe(true);
  });

  it.skipIf(opensslCli.skip)(
    'aes-256-ctr (the example server default), several secrets',
    () => {
      for (const secret of ['hunter2', 'a much longer secret with spaces & ümlauts']) {
        const hex = opensslCreateCipherHex(REFRESH_TOKEN, secret, 'aes-256-ctr');
        const plaintext = decryptCreateCipher(Buffer.from(hex, 'hex'), secret, 'aes-256-ctr');
        expect(plaintext?.toString('utf8')).toBe(REFRESH_TOKEN);
      }
    },
    30_000,
  );

  it.skipIf(opensslCli.skip)(
    'other ENCRYPTION_METHOD values: aes-256-cbc (padded) and aes-128-ctr',
    () => {
      for (const method of ['aes-256-cbc', 'aes-128-ctr']) {
        const hex = opensslCreateCipherHex(REFRESH_TOKEN, 'hunter2', method);
        expect(decryptCreateCipher(Buffer.from(hex, 'hex'), 'hunter2', method)?.toString()).toBe(
          REFRESH_TOKEN,
        );
      }
    },
    30_000,
  );
});

const noCreateCipher = nodeCreateCipher === undefined;
describe(`decryptCreateCipher opens what Node's own crypto.createCipher produced${
  noCreateCipher
    ? ` [skipped: crypto.createCipher was removed in Node 22; this is ${process.version}]`
    : ''
}`, () => {
  it.skipIf(noCreateCipher)('aes-256-ctr and aes-256-cbc', () => {
    for (const method of ['aes-256-ctr', 'aes-256-cbc']) {
      const hex = nodeCreateCipherHex(REFRESH_TOKEN, 'hunter2', method);
      expect(decryptCreateCipher(Buffer.from(hex, 'hex'), 'hunter2', method)?.toString()).toBe(
        REFRESH_TOKEN,
      );
    }
  });
});

describe('decryptCreateCipher', () => {
  it('gives undefined, without throwing, for an unknown method, empty input or bad padding', () => {
    expect(decryptCreateCipher(Buffer.alloc(16), 'k', 'no-such-cipher')).toBeUndefined();
    expect(decryptCreateCipher(Buffer.alloc(0), 'k', 'aes-256-ctr')).toBeUndefined();
    expect(decryptCreateCipher(Buffer.alloc(15), 'k', 'aes-256-cbc')).toBeUndefined();
  });
});

describe('createCipherParameters', () => {
  it('knows the default and the sizes createCipher derived for it', () => {
    expect(DEFAULT_CREATE_CIPHER_METHOD).toBe('aes-256-ctr');
    expect(createCipherParameters('aes-256-ctr')).toEqual({
      method: 'aes-256-ctr',
      keyLength: 32,
      ivLength: 16,
    });
    expect(createCipherParameters('aes-256-ecb')).toMatchObject({ ivLength: 0 });
  });

  it('rejects unknown names and modes whose output cannot be opened from the password alone', () => {
    expect(createCipherParameters('no-such-cipher')).toBeUndefined();
    expect(createCipherParameters('aes-256-gcm')).toBeUndefined();
    expect(createCipherParameters('')).toBeUndefined();
  });
});
