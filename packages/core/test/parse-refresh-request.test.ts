import { describe, expect, it } from 'vitest';
import { parseRefreshRequest, repairRefreshToken } from '../src/index.js';
import { expectError, expectValue } from './helpers.js';

describe('parseRefreshRequest', () => {
  it('reads refresh_token and client_id', () => {
    expect(
      expectValue(
        parseRefreshRequest(new URLSearchParams('refresh_token=v1.k1.abc&client_id=app')),
      ),
    ).toEqual({ refreshToken: 'v1.k1.abc', clientId: 'app' });
  });

  it("repairs a token whose '+' arrived as ' ' (posted without URL-encoding)", () => {
    // What `--data "refresh_token=ab+cd/ef=="` becomes after form decoding.
    const form = new URLSearchParams('refresh_token=ab+cd/ef==');
    expect(form.get('refresh_token')).toBe('ab cd/ef==');
    expect(expectValue(parseRefreshRequest(form)).refreshToken).toBe('ab+cd/ef==');
  });

  it('drops line breaks of legacy Base64 tokens, real or as a literal backslash-n', () => {
    expect(expectValue(parseRefreshRequest({ refresh_token: 'MU6e/5LvhKA=\n' })).refreshToken).toBe(
      'MU6e/5LvhKA=',
    );
    expect(
      expectValue(parseRefreshRequest({ refresh_token: 'MU6e/5Lv\r\nhKA=\\n' })).refreshToken,
    ).toBe('MU6e/5LvhKA=');
  });

  it.each([
    ['missing', {}, 'refresh_token is missing'],
    ['empty', { refresh_token: '' }, 'refresh_token is empty'],
    ['only a line break', { refresh_token: '\n' }, 'refresh_token is empty'],
    ['repeated', { refresh_token: ['a', 'b'] }, 'refresh_token is repeated; send it once'],
    ['not a string', { refresh_token: { a: 1 } }, 'refresh_token must be a string'],
    [
      'over 8192 bytes',
      { refresh_token: 'a'.repeat(8193) },
      'refresh_token is too long (at most 8192 bytes)',
    ],
    [
      'non-printable',
      { refresh_token: 'abc\u0007' },
      'refresh_token contains non-printable or non-ASCII characters',
    ],
    [
      'non-ASCII',
      { refresh_token: 'abc\u00a0' },
      'refresh_token contains non-printable or non-ASCII characters',
    ],
  ])('rejects a refresh_token that is %s', (_label, form, description) => {
    const error = expectError(parseRefreshRequest(form));
    expect(error.code).toBe('invalid_request');
    expect(error.status).toBe(400);
    expect(error.description).toBe(description);
  });

  it('accepts a refresh_token of exactly 8192 bytes', () => {
    expect(
      expectValue(parseRefreshRequest({ refresh_token: 'a'.repeat(8192) })).refreshToken,
    ).toHaveLength(8192);
  });

  it('rejects a bad client_id', () => {
    expect(
      expectError(parseRefreshRequest({ refresh_token: 'x', client_id: '' })).description,
    ).toBe('client_id is empty');
  });

  it('rejects a body that is not a form', () => {
    expect(expectError(parseRefreshRequest('refresh_token=x' as never)).description).toBe(
      'request body must be a form',
    );
  });

  it('repairRefreshToken undoes a second URL-encoding, literal and real line breaks, tabs', () => {
    expect(repairRefreshToken('MU6e%2F5LvhKA%3D%0A')).toBe('MU6e/5LvhKA=');
    expect(repairRefreshToken('ab\\r\\ncd\t\n')).toBe('abcd');
    expect(repairRefreshToken(' ab c ')).toBe('+ab+c+');
  });

  it('repairRefreshToken leaves a well-formed token alone', () => {
    expect(repairRefreshToken('v1.k1.AAAA-_')).toBe('v1.k1.AAAA-_');
  });
});
