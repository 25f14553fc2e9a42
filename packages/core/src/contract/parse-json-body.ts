import { fail, ok, type Result, TokenSwapError } from '../errors.js';
import { invalidField } from '../internal/fields.js';
import { findDuplicateJsonKey } from './find-duplicate-json-key.js';
import { FIELD_LIMITS } from './limits.js';

/** Fields a contract body may carry; a repeated one is named, as for a repeated form field. */
const KNOWN_FIELDS: ReadonlySet<string> = new Set([...Object.keys(FIELD_LIMITS), 'grant_type']);

/**
 * Parses a JSON request body as strictly as forms are read: not JSON → `invalid_request`
 * "request body is not valid JSON" (the parser's message quotes the body, so it is not passed
 * on); a key repeated in one object → `invalid_request` "`code` is repeated; send it once" for a
 * contract field, or a generic description for any other key (which is never echoed). The value
 * goes on to `parseSwapRequest` / `parseRefreshRequest`, which check its shape.
 *
 * @example
 * ```ts
 * const body = parseJsonBody('{"code":"a","code":"b"}');
 * body.ok; // false: invalid_request "code is repeated; send it once"
 * ```
 */
export function parseJsonBody(text: string): Result<unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return fail(new TokenSwapError('invalid_request', 'request body is not valid JSON'));
  }
  const repeated = findDuplicateJsonKey(text);
  if (repeated === undefined) return ok(value);
  if (KNOWN_FIELDS.has(repeated)) return fail(invalidField(repeated, 'is repeated; send it once'));
  return fail(
    new TokenSwapError('invalid_request', 'request body repeats a JSON key; send each field once'),
  );
}
