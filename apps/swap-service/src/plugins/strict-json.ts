import { findDuplicateJsonKey, parseJsonBody } from '@tokenswap/core';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { BODY_LIMIT_BYTES } from '../errors.js';

/**
 * JSON bodies read as strictly as forms: a key repeated in one object is refused (400
 * `invalid_request`, core's `parseJsonBody` description) instead of `JSON.parse`'s silent
 * last-wins. Everything else is Fastify's own JSON parser, kept for its prototype-poisoning
 * checks and its empty-body error.
 */
export const strictJsonPlugin = fp(
  async (app: FastifyInstance) => {
    const fastifyJson = app.getDefaultJsonParser('error', 'error');
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser(
      'application/json',
      { parseAs: 'string', bodyLimit: BODY_LIMIT_BYTES },
      (request, body, done) => {
        const text = body as string;
        if (findDuplicateJsonKey(text) !== undefined) {
          const refused = parseJsonBody(text);
          if (!refused.ok) return done(refused.error, undefined);
        }
        return fastifyJson(request, text, done);
      },
    );
  },
  { name: 'tokenswap-strict-json', fastify: '5.x' },
);
