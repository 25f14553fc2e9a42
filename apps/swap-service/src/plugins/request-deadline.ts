import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { writeErrorToSocket } from '../answer-error.js';
import { serviceError } from '../errors.js';
import { logSocketAnswer } from '../request-log.js';

/** How long a client may take to send its whole request once the head has arrived. */
export const REQUEST_TIMEOUT_MS = 10_000;

/**
 * Answers 408 (JSON) and closes the connection when a request's body has not arrived in full
 * within `timeoutMs` of its head: a stalled upload or a slowloris. Node's own `requestTimeout`
 * is not enough: its checker stops as soon as the server starts closing, so one stalled upload
 * would hold a graceful shutdown until SHUTDOWN_TIMEOUT_MS and make it exit 1. This timer is per
 * request and keeps running while the server drains.
 */
export const requestDeadlinePlugin = fp<{ timeoutMs: number }>(
  async (app: FastifyInstance, { timeoutMs }) => {
    app.addHook('onRequest', async (request, reply) => {
      const timer = setTimeout(() => abandonIncomplete(request, timeoutMs), timeoutMs);
      timer.unref();
      // Fires once the answer is sent or the client went away.
      reply.raw.once('close', () => clearTimeout(timer));
    });
  },
  { name: 'tokenswap-request-deadline', fastify: '5.x' },
);

function abandonIncomplete(request: FastifyRequest, timeoutMs: number): void {
  const raw = request.raw;
  // A complete request is being handled (e.g. waiting on the accounts service): not ours to cut.
  if (raw.complete || raw.socket.destroyed) return;
  // The route has not answered (its body never arrived), so nothing was written yet: answer on
  // the socket, as Node's own request timeout does, then drop the connection. Fastify never
  // sees an answer, so the request line is written here.
  const timedOut = serviceError('bodyTimeout', timeoutMs);
  writeErrorToSocket(raw.socket, timedOut);
  logSocketAnswer(request.log, raw, timedOut);
}
