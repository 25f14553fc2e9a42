/**
 * Masking for evidence excerpts: a report is pasted into issues and CI logs, so no token, code or
 * secret may appear in it whole. Values are cut to a recognisable prefix plus their length.
 */

/** Form and JSON fields whose values are always masked. */
const SENSITIVE_FIELDS = new Set([
  'access_token',
  'refresh_token',
  'code',
  'code_verifier',
  'client_secret',
  'id_token',
]);

/** `AQDy…[212 chars]`: enough to tell two values apart, not enough to use one. */
export function maskValue(value: string): string {
  if (value.length <= 8) return '•'.repeat(Math.max(value.length, 3));
  return `${value.slice(0, 4)}…[${value.length} chars]`;
}

/** Registry of literal values (secret, codes, tokens seen) that must never appear in a report. */
export class Masker {
  readonly #literals = new Set<string>();

  /** Remembers a value to mask wherever it appears later. Short values would mask noise. */
  remember(value: string | undefined): void {
    if (value !== undefined && value.length >= 8) this.#literals.add(value);
  }

  /** Masks remembered literals anywhere in free text. Longest first, so prefixes stay intact. */
  text(text: string): string {
    let out = text;
    const literals = [...this.#literals].sort((a, b) => b.length - a.length);
    for (const literal of literals) {
      if (out.includes(literal)) out = out.split(literal).join(maskValue(literal));
    }
    return out;
  }

  /** Masks a form body field by field, then any remembered literal left in it. */
  form(body: string): string {
    const params = new URLSearchParams(body);
    const parts: string[] = [];
    for (const [key, value] of params) {
      parts.push(`${key}=${SENSITIVE_FIELDS.has(key) ? maskValue(value) : value}`);
    }
    return this.text(parts.join('&'));
  }

  /** Masks a JSON text field by field when it parses, else as free text. */
  json(body: string): string {
    try {
      const parsed: unknown = JSON.parse(body);
      return this.text(JSON.stringify(maskFields(parsed)));
    } catch {
      return this.text(body);
    }
  }
}

function maskFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskFields);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    out[key] =
      SENSITIVE_FIELDS.has(key) && typeof field === 'string' ? maskValue(field) : maskFields(field);
  }
  return out;
}
