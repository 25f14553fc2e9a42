import { fail, ok, type Result } from '../errors.js';
import { utf8Encoder } from '../internal/text.js';
import type { AesGcm } from './aes-gcm.js';
import { KEY_ID_PATTERN, PASSPHRASE_KDF } from './format.js';
import type { KeySpec } from './key-spec.js';
import { createKeyring, type Keyring } from './keyring.js';
import { configError, decodeKey, keyProblem } from './parse-keyring-spec.js';

/** Options of {@link importKeyring}. */
export interface ImportKeyringOptions {
  /**
   * The AES-256-GCM primitive the keyring seals and opens with; default WebCrypto. Same bytes
   * either way: a token sealed under one opens under the other (see {@link AesGcm}).
   */
  aesGcm?: AesGcm;
}

/**
 * Imports key specs into a `Keyring` of AES-256-GCM `CryptoKey`s (non-extractable unless
 * `options.aesGcm.extractableKeys`), once at
 * start-up (importing per request would cost more than sealing). The first spec seals; all
 * open. Passphrase specs are stretched here (PBKDF2-SHA-256, 600 000 iterations — see
 * `PASSPHRASE_KDF`), which takes a noticeable fraction of a second each.
 *
 * Fails (`server_error`, status 500) naming the entry and why: no keys, bad or duplicate id,
 * neither or both of `key`/`passphrase`, a key that is not 32 bytes of Base64url.
 *
 * @example
 * ```ts
 * const keyring = await importKeyring([{ id: '2026-11', key: 'q8m...32 bytes base64url' }]);
 * if (!keyring.ok) throw keyring.error;
 * ```
 */
export async function importKeyring(
  specs: readonly KeySpec[],
  options: ImportKeyringOptions = {},
): Promise<Result<Keyring>> {
  if (!Array.isArray(specs) || specs.length === 0) {
    return fail(configError('keyring has no keys; at least one is needed to seal'));
  }
  const problems: string[] = [];
  const seen = new Set<string>();
  specs.forEach((spec, index) => {
    const problem = specProblem(spec, seen);
    if (typeof spec?.id === 'string' && KEY_ID_PATTERN.test(spec.id)) seen.add(spec.id);
    if (problem !== undefined) {
      const id =
        typeof spec?.id === 'string' && KEY_ID_PATTERN.test(spec.id) ? ` ("${spec.id}")` : '';
      problems.push(`keyring entry ${index + 1}${id}: ${problem}`);
    }
  });
  if (problems.length > 0) return fail(configError(problems.join('; ')));
  try {
    const keys = new Map<string, CryptoKey>();
    // Extractable only for a primitive that must read the key bytes (see `AesGcm.extractableKeys`).
    const extractable = options.aesGcm?.extractableKeys === true;
    for (const spec of specs) keys.set(spec.id, await importOne(spec, extractable));
    return ok(
      createKeyring(
        specs.map((s) => s.id),
        keys,
        options.aesGcm,
      ),
    );
  } catch (cause) {
    return fail(configError('WebCrypto could not import the keyring', cause));
  }
}

function specProblem(spec: KeySpec, seen: ReadonlySet<string>): string | undefined {
  if (typeof spec !== 'object' || spec === null) return 'not a key spec object';
  const hasKey = spec.key !== undefined;
  const hasPassphrase = spec.passphrase !== undefined;
  if (hasKey === hasPassphrase) return 'give exactly one of key or passphrase';
  if (typeof spec.id !== 'string') return 'bad key id (1-32 of A-Z a-z 0-9 _ -)';
  if (hasKey)
    return typeof spec.key === 'string'
      ? keyProblem(spec.id, spec.key, seen)
      : 'key is not base64url';
  if (!KEY_ID_PATTERN.test(spec.id)) return 'bad key id (1-32 of A-Z a-z 0-9 _ -)';
  if (seen.has(spec.id)) return 'duplicate key id';
  if (typeof spec.passphrase !== 'string' || spec.passphrase.length === 0)
    return 'passphrase is empty';
  return undefined;
}

const AES_GCM_256 = { name: 'AES-GCM', length: 256 } as const;
const USAGES: KeyUsage[] = ['encrypt', 'decrypt'];

async function importOne(spec: KeySpec, extractable: boolean): Promise<CryptoKey> {
  const subtle = globalThis.crypto.subtle;
  if (spec.key !== undefined) {
    return subtle.importKey(
      'raw',
      decodeKey(spec.key) as Uint8Array<ArrayBuffer>,
      AES_GCM_256,
      extractable,
      USAGES,
    );
  }
  const material = await subtle.importKey(
    'raw',
    utf8Encoder.encode(spec.passphrase as string),
    'PBKDF2',
    false,
    ['deriveKey'],
  );
  return subtle.deriveKey(
    {
      name: PASSPHRASE_KDF.name,
      hash: PASSPHRASE_KDF.hash,
      iterations: PASSPHRASE_KDF.iterations,
      salt: utf8Encoder.encode(PASSPHRASE_KDF.saltPrefix + spec.id),
    },
    material,
    AES_GCM_256,
    extractable,
    USAGES,
  );
}
