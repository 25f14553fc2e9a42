import type { HeadersInput } from './types.js';

/** A `Retry-After` longer than this (one day) is capped: nobody should wait longer. */
export const MAX_RETRY_AFTER_SECONDS = 86_400;

/** Case-insensitive header lookup on `Headers` or a plain object; first value of an array. */
export function getHeader(headers: HeadersInput | undefined, name: string): string | undefined {
  if (headers === undefined || headers === null) return undefined;
  if (typeof Headers !== 'undefined' && headers instanceof Headers) {
    return headers.get(name) ?? undefined;
  }
  if (typeof headers !== 'object') return undefined;
  const wanted = name.toLowerCase();
  for (const key of Object.keys(headers)) {
    if (key.toLowerCase() !== wanted) continue;
    const value: unknown = (headers as Record<string, unknown>)[key];
    if (typeof value === 'string') return value;
    if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  }
  return undefined;
}

/**
 * Parses `Retry-After` (RFC 9110 §10.2.3): delta-seconds, or an HTTP-date taken relative to
 * `now` (ms since epoch, injected). Returns whole seconds in `0..MAX_RETRY_AFTER_SECONDS`, or
 * `undefined` when absent or unreadable.
 *
 * @example
 * ```ts
 * parseRetryAfter('120', Date.now()); // 120
 * parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('2015-10-21T07:27:00Z')); // 60
 * ```
 */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Math.min(Number(text), MAX_RETRY_AFTER_SECONDS);
  // Date.parse is lenient ("1" is a year), so only try it on something shaped like a date.
  if (!/^[A-Za-z]{3,9}, /.test(text) && !/^[A-Za-z]{3} [A-Za-z]{3} /.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at) || !Number.isFinite(now)) return undefined;
  const seconds = Math.ceil((at - now) / 1000);
  return Math.min(Math.max(seconds, 0), MAX_RETRY_AFTER_SECONDS);
}
