import { fail, ok, type Result, TokenSwapError } from '../errors.js';
import { decodeBase64Url } from '../internal/base64url.js';
import { KEY_BYTES, KEY_ID_PATTERN } from './format.js';
import type { KeySpec } from './key-spec.js';
import { weakKeyProblem } from './weak-key.js';

/**
 * Parses the `TOKEN_ENCRYPTION_KEYS` string `"kid:base64urlkey,kid2:base64urlkey2"` (first key
 * seals, all open; whitespace around entries ignored). On failure the error (`server_error`,
 * status 500 — a configuration problem, for start-up logs) lists every bad entry by position and
 * id and says why: bad id, not base64url, not 32 bytes, duplicate id, a weak key (all zeros, a
 * repeated or counting pattern: see `weakKeyProblem`), or the same key as an earlier entry under
 * another id (rotation would then retire nothing). Key material never appears.
 *
 * @example
 * ```ts
 * const specs = parseKeyringSpec(env.TOKEN_ENCRYPTION_KEYS ?? '');
 * if (!specs.ok) throw specs.error; // at boot
 * const keyring = await importKeyring(specs.value);
 * ```
 */
export function parseKeyringSpec(spec: string): Result<KeySpec[]> {
  if (typeof spec !== 'string' || spec.trim() === '') {
    return fail(configError('keyring spec is empty; expected "kid:base64urlkey[,kid2:key2...]"'));
  }
  const problems: string[] = [];
  const specs: KeySpec[] = [];
  const seen = new Set<string>();
  /** Key bytes (as hex) → the entry that had them first (`entry 1 ("k1")`). */
  const seenKeys = new Map<string, string>();
  spec.split(',').forEach((rawEntry, index) => {
    const entry = rawEntry.trim();
    const where = `keyring entry ${index + 1}`;
    const colon = entry.indexOf(':');
    if (colon < 0) {
      problems.push(`${where}: expected "<key id>:<base64url key>"`);
      return;
    }
    const id = entry.slice(0, colon).trim();
    const key = entry.slice(colon + 1).trim();
    const problem =
      keyProblem(id, key, seen) ??
      materialProblem(`entry ${index + 1}${printableId(id)}`, key, seenKeys);
    // Every well-formed id counts as seen, so a repeat is reported even if the first was bad.
    if (KEY_ID_PATTERN.test(id)) seen.add(id);
    if (problem !== undefined) {
      problems.push(`${where}${printableId(id)}: ${problem}`);
      return;
    }
    specs.push({ id, key });
  });
  if (problems.length > 0) return fail(configError(problems.join('; ')));
  return ok(specs);
}

/**
 * ` ("k1")` for a message, or nothing. Ids are short names (`k1`, `2026-11`); a long one may be
 * key material pasted in the wrong order (`key:id`), which must not be printed.
 */
function printableId(id: string): string {
  return KEY_ID_PATTERN.test(id) && id.length <= 20 ? ` ("${id}")` : '';
}

/** Weak or repeated key material (only checked once the key is well-formed). */
function materialProblem(
  label: string,
  key: string,
  seenKeys: Map<string, string>,
): string | undefined {
  const bytes = decodeKey(key) as Uint8Array;
  const weak = weakKeyProblem(bytes);
  if (weak !== undefined) return weak;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  const first = seenKeys.get(hex);
  if (first !== undefined) return `same key as ${first}; each key id needs its own key`;
  seenKeys.set(hex, label);
  return undefined;
}

/** Why an id/key pair is unusable, or `undefined` if it is fine. */
export function keyProblem(id: string, key: string, seen: ReadonlySet<string>): string | undefined {
  if (!KEY_ID_PATTERN.test(id)) return 'bad key id (1-32 of A-Z a-z 0-9 _ -)';
  if (seen.has(id)) return 'duplicate key id';
  const bytes = decodeKey(key);
  if (bytes === undefined) return 'key is not base64url';
  if (bytes.length !== KEY_BYTES) {
    return `key is ${bytes.length} bytes, expected ${KEY_BYTES} (generate one with generateKeySpec)`;
  }
  return undefined;
}

/** Decodes a Base64url key, tolerating `=` padding. */
export function decodeKey(key: string): Uint8Array<ArrayBuffer> | undefined {
  const unpadded = key.replace(/={1,2}$/, '');
  if (unpadded.length === 0) return undefined;
  return decodeBase64Url(unpadded);
}

/** Configuration errors: never sent to a client, so status 500 and plain detail. */
export function configError(description: string, cause?: unknown): TokenSwapError {
  return new TokenSwapError('server_error', description, { status: 500, cause });
}
