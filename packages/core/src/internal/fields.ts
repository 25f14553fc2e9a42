import { TokenSwapError } from '../errors.js';
import { isVisibleAscii, utf8Length } from './text.js';

/** Raw form fields: `URLSearchParams`, or an object whose values may be anything. */
export type FormInput = URLSearchParams | Record<string, unknown>;

/** What reading one field of a form found. */
export type FieldRead =
  | { kind: 'absent' }
  | { kind: 'repeated' }
  | { kind: 'not-string' }
  | { kind: 'value'; value: string };

/**
 * Reads one field without trusting the input's shape: own properties only (so `constructor` or
 * `__proto__` never read as fields), arrays are repeated fields, anything but a string is junk.
 */
export function readField(form: unknown, name: string): FieldRead {
  if (form instanceof URLSearchParams) {
    const values = form.getAll(name);
    if (values.length === 0) return { kind: 'absent' };
    if (values.length > 1) return { kind: 'repeated' };
    return { kind: 'value', value: values[0] as string };
  }
  if (typeof form !== 'object' || form === null || !Object.hasOwn(form, name)) {
    return { kind: 'absent' };
  }
  const raw: unknown = (form as Record<string, unknown>)[name];
  if (raw === undefined) return { kind: 'absent' };
  if (Array.isArray(raw)) {
    if (raw.length === 0) return { kind: 'absent' };
    if (raw.length > 1) return { kind: 'repeated' };
    const only: unknown = raw[0];
    return typeof only === 'string' ? { kind: 'value', value: only } : { kind: 'not-string' };
  }
  return typeof raw === 'string' ? { kind: 'value', value: raw } : { kind: 'not-string' };
}

/** True if the input is something a form can be read from at all. */
export function isFormLike(form: unknown): form is FormInput {
  return (
    form instanceof URLSearchParams ||
    (typeof form === 'object' && form !== null && !Array.isArray(form))
  );
}

export interface TextFieldRule {
  /** Maximum length in UTF-8 bytes. */
  maxBytes: number;
  /** Rewrites the raw value before it is checked (e.g. the refresh-token '+' repair). */
  repair?: (value: string) => string;
}

/** A `invalid_request` error naming the field and the reason. */
export function invalidField(name: string, why: string): TokenSwapError {
  return new TokenSwapError('invalid_request', `${name} ${why}`);
}

/**
 * Validates one text field: present, single, a string, non-empty, within `maxBytes`, visible
 * ASCII only. Returns the value, `undefined` when absent and optional, or the error. The
 * description names the field and why — never the value, which may be a secret.
 */
export function readTextField(
  form: unknown,
  name: string,
  rule: TextFieldRule,
  required: boolean,
): { ok: true; value: string | undefined } | { ok: false; error: TokenSwapError } {
  const read = readField(form, name);
  switch (read.kind) {
    case 'absent':
      return required
        ? { ok: false, error: invalidField(name, 'is missing') }
        : { ok: true, value: undefined };
    case 'repeated':
      return { ok: false, error: invalidField(name, 'is repeated; send it once') };
    case 'not-string':
      return { ok: false, error: invalidField(name, 'must be a string') };
    case 'value':
      break;
  }
  const value = rule.repair ? rule.repair(read.value) : read.value;
  if (value.length === 0) return { ok: false, error: invalidField(name, 'is empty') };
  if (utf8Length(value) > rule.maxBytes) {
    return { ok: false, error: invalidField(name, `is too long (at most ${rule.maxBytes} bytes)`) };
  }
  if (!isVisibleAscii(value)) {
    return {
      ok: false,
      error: invalidField(name, 'contains non-printable or non-ASCII characters'),
    };
  }
  return { ok: true, value };
}
