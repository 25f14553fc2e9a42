/**
 * One sealing key as configured: an id and either 32 random bytes as Base64url (`key`) or a
 * `passphrase` stretched with PBKDF2 at import (see `PASSPHRASE_KDF`).
 */
export interface KeySpec {
  id: string;
  /** Base64url (no padding needed) of exactly 32 random bytes. */
  key?: string;
  /** A passphrase; prefer `key`. Stretched once at import. */
  passphrase?: string;
}
