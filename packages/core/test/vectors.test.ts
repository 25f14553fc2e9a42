import { createCipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { importKeyring, openRefreshToken, sealRefreshToken } from '../src/index.js';
import { expectValue, hexToBytes } from './helpers.js';
import passphraseVectors from './vectors/passphrase-v1.json' with { type: 'json' };
import sealVectors from './vectors/seal-v1.json' with { type: 'json' };

// Committed vectors pin the sealed format: if any of these fail, tokens already in users'
// keychains would stop opening. Never regenerate them to make a test pass.
describe('sealed format v1 vectors', () => {
  it.each(sealVectors.vectors)('$name: seals to the committed string', async (v) => {
    const keyring = expectValue(await importKeyring([{ id: v.keyId, key: v.key }]));
    const iv = hexToBytes(v.iv);
    const sealed = await sealRefreshToken(
      v.plaintext,
      keyring,
      { clientId: v.clientId },
      { random: () => iv },
    );
    expect(sealed).toBe(v.sealed);
  });

  it.each(sealVectors.vectors)('$name: opens the committed string', async (v) => {
    const keyring = expectValue(await importKeyring([{ id: v.keyId, key: v.key }]));
    expect(expectValue(await openRefreshToken(v.sealed, keyring, { clientId: v.clientId }))).toBe(
      v.plaintext,
    );
  });

  it.each(sealVectors.vectors)('$name: matches an independent node:crypto implementation', (v) => {
    const cipher = createCipheriv(
      'aes-256-gcm',
      Buffer.from(v.key, 'base64url'),
      Buffer.from(v.iv, 'hex'),
    );
    cipher.setAAD(Buffer.from(`v1.${v.keyId}.${v.clientId}`, 'utf8'));
    const body = Buffer.concat([
      Buffer.from(v.iv, 'hex'),
      cipher.update(v.plaintext, 'utf8'),
      cipher.final(),
      cipher.getAuthTag(),
    ]);
    expect(`v1.${v.keyId}.${body.toString('base64url')}`).toBe(v.sealed);
  });
});

describe('passphrase KDF vectors (PBKDF2-SHA-256, 600000 iterations, salt from key id)', () => {
  it.each(passphraseVectors.vectors)('$name: seals and opens the committed string', async (v) => {
    const fromPassphrase = expectValue(
      await importKeyring([{ id: v.keyId, passphrase: v.passphrase }]),
    );
    const fromDerivedKey = expectValue(await importKeyring([{ id: v.keyId, key: v.derivedKey }]));
    const iv = hexToBytes(v.iv);
    const context = { clientId: v.clientId };
    expect(await sealRefreshToken(v.plaintext, fromPassphrase, context, { random: () => iv })).toBe(
      v.sealed,
    );
    expect(expectValue(await openRefreshToken(v.sealed, fromPassphrase, context))).toBe(
      v.plaintext,
    );
    expect(expectValue(await openRefreshToken(v.sealed, fromDerivedKey, context))).toBe(
      v.plaintext,
    );
  });
});
