import { describe, expect, it } from 'vitest';
import { parseSwapRequest } from '../src/index.js';
import { expectError, expectValue } from './helpers.js';

const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'; // RFC 7636 appendix B, 43 chars

describe('parseSwapRequest', () => {
  it('reads code from a URLSearchParams form', () => {
    expect(expectValue(parseSwapRequest(new URLSearchParams('code=AQDy8xMhKNA')))).toEqual({
      code: 'AQDy8xMhKNA',
    });
  });

  it('reads code and every optional field from a plain object', () => {
    const value = expectValue(
      parseSwapRequest({
        code: 'AQD',
        code_verifier: VERIFIER,
        client_id: 'tokenswap-demo-client',
        redirect_uri: 'tokenswap-demo://callback',
        grant_type: 'ignored',
      }),
    );
    expect(value).toEqual({
      code: 'AQD',
      codeVerifier: VERIFIER,
      clientId: 'tokenswap-demo-client',
      redirectUri: 'tokenswap-demo://callback',
    });
  });

  it('accepts a single-element array (how body parsers present one field)', () => {
    expect(expectValue(parseSwapRequest({ code: ['abc'] })).code).toBe('abc');
  });

  it.each([
    ['missing', {}, 'code is missing'],
    ['undefined', { code: undefined }, 'code is missing'],
    ['an empty array', { code: [] }, 'code is missing'],
    ['empty', { code: '' }, 'code is empty'],
    ['repeated (array)', { code: ['a', 'b'] }, 'code is repeated; send it once'],
    ['a number', { code: 42 }, 'code must be a string'],
    ['null', { code: null }, 'code must be a string'],
    ['an object', { code: { nested: 'x' } }, 'code must be a string'],
    ['an array of a number', { code: [1] }, 'code must be a string'],
    ['over 2048 bytes', { code: 'a'.repeat(2049) }, 'code is too long (at most 2048 bytes)'],
    ['with a space', { code: 'ab cd' }, 'code contains non-printable or non-ASCII characters'],
    ['with a NUL', { code: 'ab\u0000' }, 'code contains non-printable or non-ASCII characters'],
    ['with a newline', { code: 'ab\n' }, 'code contains non-printable or non-ASCII characters'],
    ['non-ASCII', { code: 'äbc' }, 'code contains non-printable or non-ASCII characters'],
  ])('rejects a code that is %s', (_label, form, description) => {
    const error = expectError(parseSwapRequest(form));
    expect(error.code).toBe('invalid_request');
    expect(error.status).toBe(400);
    expect(error.description).toBe(description);
  });

  it('accepts a code of exactly 2048 bytes', () => {
    expect(expectValue(parseSwapRequest({ code: 'a'.repeat(2048) })).code).toHaveLength(2048);
  });

  it('measures length in UTF-8 bytes, not characters', () => {
    // 1025 two-byte characters are 2050 bytes: too long before the charset is even looked at.
    const error = expectError(parseSwapRequest({ code: 'é'.repeat(1025) }));
    expect(error.description).toBe('code is too long (at most 2048 bytes)');
  });

  it('rejects a repeated code in URLSearchParams', () => {
    const error = expectError(parseSwapRequest(new URLSearchParams('code=a&code=b')));
    expect(error.description).toBe('code is repeated; send it once');
  });

  it('never reads inherited properties as fields', () => {
    expect(expectError(parseSwapRequest({})).description).toBe('code is missing');
    const proto = Object.create({ code: 'inherited' }) as Record<string, unknown>;
    expect(expectError(parseSwapRequest(proto)).description).toBe('code is missing');
  });

  it.each([
    ['too short', 'a'.repeat(42)],
    ['too long', 'a'.repeat(129)],
    ['with a character outside RFC 7636', `${'a'.repeat(42)}+`],
  ])('rejects a code_verifier %s', (_label, verifier) => {
    const error = expectError(parseSwapRequest({ code: 'c', code_verifier: verifier }));
    expect(error.code).toBe('invalid_request');
    expect(error.description).toMatch(/^code_verifier /);
  });

  it('accepts code_verifier at both RFC 7636 bounds and its full charset', () => {
    for (const v of ['a'.repeat(43), 'Z'.repeat(128), `${'0'.repeat(39)}-._~`]) {
      expect(expectValue(parseSwapRequest({ code: 'c', code_verifier: v })).codeVerifier).toBe(v);
    }
  });

  it.each([
    ['code_verifier', { code_verifier: '' }, 'code_verifier is empty'],
    ['client_id', { client_id: ['a', 'b'] }, 'client_id is repeated; send it once'],
    ['client_id', { client_id: 'a'.repeat(257) }, 'client_id is too long (at most 256 bytes)'],
    [
      'redirect_uri',
      { redirect_uri: 'not a uri' },
      'redirect_uri contains non-printable or non-ASCII characters',
    ],
    ['redirect_uri', { redirect_uri: '/relative/path' }, 'redirect_uri must be an absolute URI'],
    ['redirect_uri', { redirect_uri: 5 }, 'redirect_uri must be a string'],
  ])('names the optional field %s and why', (_field, extra, description) => {
    expect(expectError(parseSwapRequest({ code: 'c', ...extra })).description).toBe(description);
  });

  it.each([null, undefined, 'code=abc', 42, ['code', 'abc'], true])(
    'rejects a form that is not an object (%s)',
    (form) => {
      const error = expectError(parseSwapRequest(form as never));
      expect(error.description).toBe('request body must be a form');
    },
  );

  it('never echoes the submitted value in the description', () => {
    const secretish = `SECRET${'x'.repeat(3000)}`;
    expect(expectError(parseSwapRequest({ code: secretish })).description).not.toContain('SECRET');
  });
});
