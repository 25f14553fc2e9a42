import { METHODS } from 'node:http';
import type { FastifyInstance, HTTPMethods } from 'fastify';
import { serviceError } from '../errors.js';

/**
 * Lets the router match every method Node's parser accepts (Fastify knows only some: `PROPFIND`
 * or `SEARCH` would otherwise be a 404), so a token path answers each of them 405. CONNECT is
 * Node's 'connect' event (see `plugins/http-edges.ts`). Call before registering routes.
 */
export function routeEveryMethod(app: FastifyInstance): void {
  for (const method of METHODS) {
    if (method !== 'CONNECT' && !app.supportedMethods.includes(method)) app.addHttpMethod(method);
  }
}

/**
 * Answers every other method on a POST-only path with 405, an `Allow: POST` header and the JSON
 * error body (instead of a 404 that would hide a wrong method). It answers in `onRequest`, before
 * any body is read, so a PUT with an odd content type is a 405, not a 415. OPTIONS is left to
 * CORS when CORS is on, so preflight requests keep working; HEAD comes with GET.
 */
export function methodNotAllowed(app: FastifyInstance, url: string, corsEnabled: boolean): void {
  const methods = app.supportedMethods.filter(
    (method) => method !== 'POST' && method !== 'HEAD' && !(corsEnabled && method === 'OPTIONS'),
  ) as HTTPMethods[];
  app.route({
    method: methods,
    url,
    onRequest: async (request, reply) => {
      reply.header('allow', corsEnabled ? 'POST, OPTIONS' : 'POST');
      throw serviceError('methodNotAllowed', request.method);
    },
    handler: async () => undefined,
  });
}
