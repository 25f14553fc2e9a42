import { TokenSwapError } from '../errors.js';

/**
 * The HTTP-level refusals every server of the contract answers the same way (the swap service,
 * the fetch handler): one place for their status and wording.
 */

/**
 * A method other than POST on a token path: 405; send it with `Allow: POST`.
 *
 * @example
 * ```ts
 * methodNotAllowedError('GET').toJSON(); // { error: 'invalid_request', error_description: 'method GET is not allowed; use POST' }
 * ```
 */
export function methodNotAllowedError(method: string): TokenSwapError {
  return new TokenSwapError('invalid_request', `method ${method} is not allowed; use POST`, {
    status: 405,
  });
}

/**
 * A body that is neither a form nor JSON: 415.
 *
 * @example
 * ```ts
 * unsupportedMediaTypeError().status; // 415
 * ```
 */
export function unsupportedMediaTypeError(): TokenSwapError {
  return new TokenSwapError(
    'invalid_request',
    'Content-Type must be application/x-www-form-urlencoded or application/json',
    { status: 415 },
  );
}

/**
 * A body over the limit: 413, naming the limit.
 *
 * @example
 * ```ts
 * bodyTooLargeError(16 * 1024).description; // 'request body is larger than 16 KiB'
 * ```
 */
export function bodyTooLargeError(limitBytes: number): TokenSwapError {
  const limit = limitBytes % 1024 === 0 ? `${limitBytes / 1024} KiB` : `${limitBytes} bytes`;
  return new TokenSwapError('invalid_request', `request body is larger than ${limit}`, {
    status: 413,
  });
}

/**
 * No endpoint at this method and path: 404. Give the path without its query, which may hold
 * values not to echo.
 *
 * @example
 * ```ts
 * notFoundError('GET', '/nope').description; // 'no endpoint at GET /nope'
 * ```
 */
export function notFoundError(method: string, path: string): TokenSwapError {
  return new TokenSwapError('invalid_request', `no endpoint at ${method} ${path}`, { status: 404 });
}
