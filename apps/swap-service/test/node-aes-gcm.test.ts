import {
  importKeyring,
  type Keyring,
  openRefreshToken,
  sealRefreshToken,
  webCryptoAesGcm,
} from '@tokenswap/core';
import { post } from '@tokenswap/test-support';
import { newKeyEntry } from '@tokenswap/test-support/keys';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeAesGcm } from '../src/node-aes-gcm.js';
import { type Stack, startStack } from './helpers/stack.js';

/** The same key spec imported twice: once sealing with WebCrypto, once with node:crypto. */
async function twoKeyrings(): Promise<{ web: Keyring; node: Keyring; entry: string }> {
  const entry = newKeyEntry('k1');
  const [id, key] = entry.split(':') as [string, string];
  const web = await importKeyring([{ id, key }]);
  const node = await importKeyring([{ id, key }], { aesGcm: nodeAesGcm });
  if (!web.ok || !node.ok) throw new Error('key import failed');
  return { web: web.value, node: node.value, entry };
}

const token = fc.string({ minLength: 1, maxLength: 300, unit: 'grapheme' });
const clientId = fc.stringMatching(/^[0-9a-f]{32}$/);

describe('nodeAesGcm: the service seals with node:crypto, byte for byte what WebCrypto seals', () => {
  // First in the file: Node prints a deprecation once per process, so a later test would miss it.
  it('raises no deprecation warning (Node 24 deprecates KeyObject.from on non-extractable keys)', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error & { code?: string }) =>
      warnings.push(`${warning.name} ${warning.code ?? ''}`);
    process.on('warning', onWarning);
    try {
      const { node } = await twoKeyrings();
      const sealed = await sealRefreshToken('AQD-token', node, { clientId: 'c1' });
      expect((await openRefreshToken(sealed, node, { clientId: 'c1' })).ok).toBe(true);
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.filter((w) => w.startsWith('DeprecationWarning'))).toEqual([]);
  });

  it('a token sealed by either opens under the other, for any token and client id', async () => {
    const { web, node } = await twoKeyrings();
    await fc.assert(
      fc.asyncProperty(token, clientId, async (plain, id) => {
        const byNode = await sealRefreshToken(plain, node, { clientId: id });
        const byWeb = await sealRefreshToken(plain, web, { clientId: id });
        const openedByWeb = await openRefreshToken(byNode, web, { clientId: id });
        const openedByNode = await openRefreshToken(byWeb, node, { clientId: id });
        expect(openedByWeb).toEqual({ ok: true, value: plain });
        expect(openedByNode).toEqual({ ok: true, value: plain });
      }),
      { numRuns: 200 },
    );
  });

  it('the same IV gives the same sealed string under both', async () => {
    const { web, node } = await twoKeyrings();
    const iv = new Uint8Array(12).fill(7);
    const options = { random: () => iv };
    const context = { clientId: 'c1', boundTo: { label: 'handle', key: 'h1' } };
    expect(await sealRefreshToken('AQD-token', node, context, options)).toBe(
      await sealRefreshToken('AQD-token', web, context, options),
    );
  });

  it('refuses what WebCrypto refuses: any flipped byte, another client id, a cut tag', async () => {
    const { node } = await twoKeyrings();
    const sealed = await sealRefreshToken('AQD-secret-refresh-token', node, { clientId: 'c1' });
    const [version, keyId, body] = sealed.split('.') as [string, string, string];
    const bytes = Buffer.from(body, 'base64url');
    for (let i = 0; i < bytes.length; i += 1) {
      const tampered = Buffer.from(bytes);
      tampered[i] = (tampered[i] as number) ^ 1;
      const opened = await openRefreshToken(
        `${version}.${keyId}.${tampered.toString('base64url')}`,
        node,
        { clientId: 'c1' },
      );
      expect(opened.ok, `byte ${i} flipped`).toBe(false);
    }
    expect((await openRefreshToken(sealed, node, { clientId: 'c2' })).ok).toBe(false);
    const cut = `${version}.${keyId}.${bytes.subarray(0, bytes.length - 4).toString('base64url')}`;
    expect((await openRefreshToken(cut, node, { clientId: 'c1' })).ok).toBe(false);
  });

  it('takes only AES-256-GCM keys', async () => {
    const short = await globalThis.crypto.subtle.importKey(
      'raw',
      new Uint8Array(16),
      { name: 'AES-GCM', length: 128 },
      false,
      ['encrypt', 'decrypt'],
    );
    expect(() =>
      nodeAesGcm.encrypt(short, new Uint8Array(12), new Uint8Array(), new Uint8Array(1)),
    ).toThrow(/256-bit/);
    // The WebCrypto primitive is core's default and stays usable beside it.
    expect(
      await webCryptoAesGcm.encrypt(short, new Uint8Array(12), new Uint8Array(), new Uint8Array(1)),
    ).toHaveLength(17);
  });
});

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

describe('the running service seals with node:crypto and opens what WebCrypto sealed', () => {
  it("a token sealed by WebCrypto under the service key refreshes; the service's own tokens open under WebCrypto", async () => {
    const { web, entry } = await twoKeyrings();
    stack = await startStack({ env: { TOKEN_ENCRYPTION_KEYS: entry } });
    const swapped = await post(stack.service.swapUrl, { code: stack.mintCode() });
    expect(swapped.status).toBe(200);
    const clientId = stack.env.SPOTIFY_CLIENT_ID as string;
    const raw = await openRefreshToken(swapped.json.refresh_token as string, web, { clientId });
    expect(raw.ok).toBe(true);
    if (!raw.ok) return;
    const sealedByWeb = await sealRefreshToken(raw.value, web, { clientId });
    const refreshed = await post(stack.service.refreshUrl, { refresh_token: sealedByWeb });
    expect(refreshed.status).toBe(200);
    expect(refreshed.json.access_token).toEqual(expect.any(String));
  });
});
