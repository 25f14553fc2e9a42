import { describe, expect, it } from 'vitest';
import {
  bodyTooLargeError,
  methodNotAllowedError,
  notFoundError,
  sealedKeyId,
  unsupportedMediaTypeError,
} from '../src/index.js';

describe('the HTTP-level refusals shared by the service and the handler', () => {
  it.each([
    [methodNotAllowedError('PUT'), 405, 'method PUT is not allowed; use POST'],
    [
      unsupportedMediaTypeError(),
      415,
      'Content-Type must be application/x-www-form-urlencoded or application/json',
    ],
    [bodyTooLargeError(16 * 1024), 413, 'request body is larger than 16 KiB'],
    [bodyTooLargeError(1000), 413, 'request body is larger than 1000 bytes'],
    [notFoundError('GET', '/x'), 404, 'no endpoint at GET /x'],
  ])('%#: status %i', (error, status, description) => {
    expect([error.code, error.status, error.description]).toEqual([
      'invalid_request',
      status,
      description,
    ]);
  });
});

describe('sealedKeyId', () => {
  it('reads the key id of a sealed-looking token and nothing else', () => {
    expect(sealedKeyId(`v1.2026-11.${'A'.repeat(40)}`)).toBe('2026-11');
    expect(sealedKeyId('AQDy8xMhKNA')).toBeUndefined();
  });
});
