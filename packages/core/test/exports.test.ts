import { describe, expect, it } from 'vitest';
import * as core from '../src/index.js';

// The surface other packages build against (docs/design/api-contracts.md). Removing or
// renaming one of these breaks swap-service and conformance.
const CONTRACT_FUNCTIONS = [
  'parseSwapRequest',
  'parseRefreshRequest',
  'parseJsonBody',
  'findDuplicateJsonKey',
  'toSwapResponse',
  'toRefreshResponse',
  'buildAuthorizationCodeRequest',
  'buildRefreshTokenRequest',
  'interpretTokenResponse',
  'upstreamTimeoutError',
  'upstreamUnreachableError',
  'parseKeyringSpec',
  'importKeyring',
  'generateKeySpec',
  'sealRefreshToken',
  'openRefreshToken',
  'looksSealed',
  'ok',
  'fail',
  'isTokenSwapError',
  'TokenSwapError',
] as const;

const exported = new Map<string, unknown>(Object.entries(core));

describe('public API', () => {
  it.each(CONTRACT_FUNCTIONS)('exports %s', (name) => {
    expect(typeof exported.get(name)).toBe('function');
  });

  it('exports the contract constants', () => {
    expect(core.SPOTIFY_ACCOUNTS_URL).toBe('https://accounts.spotify.com');
    expect(core.TOKEN_RESPONSE_HEADERS['cache-control']).toBe('no-store');
    expect(core.ERROR_CODES.length).toBeGreaterThan(0);
  });
});
