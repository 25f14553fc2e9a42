import { describe, expect, it } from 'vitest';
import { DEFAULT_STATUS, ERROR_CODES, isTokenSwapError, TokenSwapError } from '../src/index.js';

describe('TokenSwapError', () => {
  it('carries code, description and the default status of its code', () => {
    const err = new TokenSwapError('invalid_grant', 'Invalid refresh token');
    expect(err.status).toBe(400);
    expect(err.toJSON()).toEqual({
      error: 'invalid_grant',
      error_description: 'Invalid refresh token',
    });
    expect(JSON.stringify(err)).toBe(
      '{"error":"invalid_grant","error_description":"Invalid refresh token"}',
    );
  });

  it('takes a precise status and Retry-After, and keeps the cause out of the body', () => {
    const err = new TokenSwapError('temporarily_unavailable', 'Rate limited upstream', {
      status: 429,
      retryAfter: 7,
      cause: new Error('secret detail'),
    });
    expect(err.status).toBe(429);
    expect(err.retryAfter).toBe(7);
    expect(JSON.stringify(err.toJSON())).not.toContain('secret detail');
  });

  it('is recognised across package copies by shape', () => {
    const foreign = {
      name: 'TokenSwapError',
      code: 'invalid_grant',
      description: 'x',
      status: 400,
    };
    expect(isTokenSwapError(foreign)).toBe(true);
    expect(isTokenSwapError({ ...foreign, code: 'nope' })).toBe(false);
    expect(isTokenSwapError(new Error('x'))).toBe(false);
    expect(isTokenSwapError(null)).toBe(false);
  });

  it('lists every code with a status', () => {
    expect([...ERROR_CODES].sort()).toEqual(Object.keys(DEFAULT_STATUS).sort());
    for (const code of ERROR_CODES) expect(DEFAULT_STATUS[code]).toBeGreaterThanOrEqual(400);
  });
});
