import { formatKeyringSpec, generateKeySpec, importKeyring, type Keyring } from '@tokenswap/core';

/** A fresh random sealing key as one `TOKEN_ENCRYPTION_KEYS` entry (`id:base64url`). */
export function newKeyEntry(id: string): string {
  return formatKeyringSpec([generateKeySpec({ id })]);
}

/** A sealing key of a test's own: the entry for the service's env and the same key imported. */
export interface TestKey {
  id: string;
  /** The `TOKEN_ENCRYPTION_KEYS` entry. */
  spec: string;
  /** The same key, imported, so a test can seal near-valid values the service will open. */
  keyring: Keyring;
}

/** A fresh {@link TestKey}. */
export async function newTestKey(id: string): Promise<TestKey> {
  const keySpec = generateKeySpec({ id });
  const imported = await importKeyring([keySpec]);
  if (!imported.ok) throw imported.error;
  return { id, spec: formatKeyringSpec([keySpec]), keyring: imported.value };
}

/** A real keyring with one fresh random key (id `test`). */
export async function testKeyring(): Promise<Keyring> {
  return (await newTestKey('test')).keyring;
}
