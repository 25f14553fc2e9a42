import { SEALED_PATTERN } from './format.js';

/**
 * The key id a sealed token names (`v1.<key id>.…`), or `undefined` for anything not in the
 * sealed format. Says nothing about whether the token opens: call it after `openRefreshToken`
 * succeeded to learn which key opened it (a token under an older key is re-sealed).
 *
 * @example
 * ```ts
 * sealedKeyId('v1.2026-11.3q2-7wAAAA…'); // '2026-11'
 * ```
 */
export function sealedKeyId(token: string): string | undefined {
  return SEALED_PATTERN.exec(token)?.[1];
}
