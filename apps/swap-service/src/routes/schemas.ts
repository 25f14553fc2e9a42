/**
 * Response schemas of the token routes. Fastify compiles them with fast-json-stringify, which
 * also guarantees nothing but these fields goes out (a stray upstream field never leaks).
 */

const errorBody = {
  type: 'object',
  required: ['error', 'error_description'],
  properties: {
    error: { type: 'string' },
    error_description: { type: 'string' },
  },
} as const;

const tokenFields = {
  access_token: { type: 'string' },
  token_type: { type: 'string' },
  expires_in: { type: 'number' },
  scope: { type: 'string' },
  refresh_token: { type: 'string' },
} as const;

/** `POST /swap`: every field always present. */
export const swapRouteSchema = {
  response: {
    200: {
      type: 'object',
      required: ['access_token', 'token_type', 'expires_in', 'refresh_token', 'scope'],
      properties: tokenFields,
    },
    '4xx': errorBody,
    '5xx': errorBody,
  },
} as const;

/** `POST /refresh`: `refresh_token` only when a new sealed one is handed out. */
export const refreshRouteSchema = {
  response: {
    200: {
      type: 'object',
      required: ['access_token', 'token_type', 'expires_in', 'scope'],
      properties: tokenFields,
    },
    '4xx': errorBody,
    '5xx': errorBody,
  },
} as const;
