import { describe, expect, it } from 'vitest';
import {
  TOKEN_RESPONSE_HEADERS,
  type TokenSet,
  toRefreshResponse,
  toSwapResponse,
} from '../src/index.js';

const tokens: TokenSet = {
  accessToken: 'NgAagA-Um_SHo',
  tokenType: 'Bearer',
  expiresIn: 3600,
  scope: 'user-read-email',
  refreshToken: 'REAL-REFRESH-TOKEN',
};

describe('contract responses', () => {
  it('toSwapResponse puts the sealed token in place of the real one', () => {
    const body = toSwapResponse(tokens, 'v1.k1.sealed');
    expect(body).toEqual({
      access_token: 'NgAagA-Um_SHo',
      token_type: 'Bearer',
      expires_in: 3600,
      refresh_token: 'v1.k1.sealed',
      scope: 'user-read-email',
    });
    expect(JSON.stringify(body)).not.toContain('REAL-REFRESH-TOKEN');
  });

  it('toRefreshResponse omits refresh_token unless a sealed rotated one is given', () => {
    const plain = toRefreshResponse(tokens);
    expect(plain).toEqual({
      access_token: 'NgAagA-Um_SHo',
      token_type: 'Bearer',
      expires_in: 3600,
      scope: 'user-read-email',
    });
    expect(JSON.stringify(plain)).not.toContain('refresh_token');
    expect(toRefreshResponse(tokens, 'v1.k1.rotated').refresh_token).toBe('v1.k1.rotated');
  });

  it('expires_in is a JSON number', () => {
    expect(JSON.stringify(toSwapResponse(tokens, 's'))).toContain('"expires_in":3600');
  });

  it('TOKEN_RESPONSE_HEADERS forbid caching and are frozen', () => {
    expect(TOKEN_RESPONSE_HEADERS).toEqual({ 'cache-control': 'no-store', pragma: 'no-cache' });
    expect(Object.isFrozen(TOKEN_RESPONSE_HEADERS)).toBe(true);
  });
});
