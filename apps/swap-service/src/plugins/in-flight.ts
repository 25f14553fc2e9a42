import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** Counts requests being handled, so a graceful shutdown can say how many it drained. */
export interface InFlight {
  readonly count: number;
}

/** Tracks in-flight requests into `counter` (+1 on arrival, −1 when the response closes). */
export const inFlightPlugin = fp<{ counter: { count: number } }>(
  async (app: FastifyInstance, { counter }) => {
    app.addHook('onRequest', async (_request, reply) => {
      counter.count += 1;
      // The response's 'close' fires once: after it was sent, or when the client went away.
      reply.raw.once('close', () => {
        counter.count -= 1;
      });
    });
  },
  { name: 'tokenswap-in-flight', fastify: '5.x' },
);
