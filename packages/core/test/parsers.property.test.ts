import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  interpretTokenResponse,
  isTokenSwapError,
  parseKeyringSpec,
  parseRefreshRequest,
  parseRetryAfter,
  parseSwapRequest,
  type Result,
  sanitizeDescription,
} from '../src/index.js';

const FIELDS = [
  'code',
  'code_verifier',
  'client_id',
  'redirect_uri',
  'refresh_token',
  'grant_type',
];
const fieldValue = fc.oneof(
  fc.anything(),
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.array(fc.oneof(fc.string(), fc.anything()), { maxLength: 3 }),
);
const formArb = fc.oneof(
  fc.anything(),
  fc.dictionary(fc.oneof(fc.constantFrom(...FIELDS), fc.string()), fieldValue),
  fc.record({ code: fieldValue, refresh_token: fieldValue }, { requiredKeys: [] }),
  fc
    .array(
      fc.tuple(fc.oneof(fc.constantFrom(...FIELDS), fc.string()), fc.string({ unit: 'binary' })),
    )
    .map((pairs) => new URLSearchParams(pairs)),
);

/** A Result is either ok or a well-formed error; descriptions are short and printable. */
function expectWellFormed(result: Result<unknown>): void {
  if (result.ok) return;
  expect(isTokenSwapError(result.error)).toBe(true);
  expect(result.error.description).toMatch(/^[\x20-\x7e]{1,1000}$/);
}

describe('parsers never throw', () => {
  it('parseSwapRequest on arbitrary input', () => {
    fc.assert(
      fc.property(formArb, (form) => {
        const result = parseSwapRequest(form as never);
        expectWellFormed(result);
        if (result.ok) expect(result.value.code).toMatch(/^[\x21-\x7e]{1,2048}$/);
      }),
      { numRuns: 500 },
    );
  });

  it('parseRefreshRequest on arbitrary input', () => {
    fc.assert(
      fc.property(formArb, (form) => {
        const result = parseRefreshRequest(form as never);
        expectWellFormed(result);
        if (result.ok) expect(result.value.refreshToken).toMatch(/^[\x21-\x7e]{1,8192}$/);
      }),
      { numRuns: 500 },
    );
  });

  it('parseRefreshRequest accepts any visible-ASCII token, with spaces repaired to +', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[\x21-\x7e][\x20-\x7e]{0,200}$/), (token) => {
        // The other repairs (a literal \n or \r, a %XX escape left by double encoding) change
        // the token on purpose; they have example tests of their own.
        fc.pre(!/\\[rn]|%[0-9A-Fa-f]{2}/.test(token));
        const result = parseRefreshRequest(new URLSearchParams({ refresh_token: token }));
        expect(result).toEqual({ ok: true, value: { refreshToken: token.replaceAll(' ', '+') } });
      }),
    );
  });

  it('interpretTokenResponse on arbitrary status, headers and body', () => {
    const bodyArb = fc.oneof(
      fc.string(),
      fc.json(),
      fc.anything().map((v) => JSON.stringify(v) ?? ''),
      fc
        .record(
          {
            access_token: fc.anything(),
            expires_in: fc.anything(),
            error: fc.anything(),
            error_description: fc.anything(),
          },
          { requiredKeys: [] },
        )
        .map((v) => JSON.stringify(v)),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 999 }),
        fc.dictionary(
          fc.string(),
          fc.oneof(fc.string(), fc.array(fc.string()), fc.constant(undefined)),
        ),
        bodyArb,
        (status, headers, body) => {
          const result = interpretTokenResponse(status, headers, body, { now: () => 0 });
          expectWellFormed(result);
          if (!result.ok) {
            expect(result.error.status).toBeGreaterThanOrEqual(400);
            expect(['invalid_grant', 'server_error', 'temporarily_unavailable']).toContain(
              result.error.code,
            );
          } else {
            expect(Number.isSafeInteger(result.value.expiresIn)).toBe(true);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('parseKeyringSpec, parseRetryAfter and sanitizeDescription on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.anything(), (text, junk) => {
        expectWellFormed(parseKeyringSpec(text));
        expectWellFormed(parseKeyringSpec(junk as never));
        const seconds = parseRetryAfter(text, 0);
        if (seconds !== undefined) expect(Number.isSafeInteger(seconds) && seconds >= 0).toBe(true);
        const clean = sanitizeDescription(text);
        if (clean !== undefined) expect(clean).toMatch(/^[\x20-\x7e]{1,200}$/);
      }),
      { numRuns: 300 },
    );
  });
});
