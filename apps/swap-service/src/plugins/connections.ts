import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { serviceError } from '../errors.js';

/** Requests whose answers are not finished on a connection, and what waits for there to be none. */
interface ConnectionState {
  readonly pending: Set<IncomingMessage>;
  readonly waiting: (() => void)[];
}

const connections = new WeakMap<Duplex, ConnectionState>();

/**
 * Runs `then` once no answer is pending on `socket` — at once when none is, or when a pending
 * request has not arrived in full (a parse error in its body is that request's answer). A parse
 * error after complete requests (pipelined garbage) is answered after their answers, never in
 * the middle of one.
 */
export function afterPendingResponses(socket: Duplex, then: () => void): void {
  const state = connections.get(socket);
  const incomplete = [...(state?.pending ?? [])].some((request) => !request.complete);
  if (state === undefined || state.pending.size === 0 || incomplete) then();
  else state.waiting.push(then);
}

/**
 * True when no later request is queued behind `request` on its connection (pipelined). A stop
 * closes the connection after the last answer; closing it after an earlier one would drop the
 * queued requests unanswered instead of answering them 503.
 */
export function isLastOnConnection(request: IncomingMessage): boolean {
  const pending = connections.get(request.socket)?.pending;
  return pending === undefined || [...pending].at(-1) === request;
}

/** Options of {@link connectionsPlugin}. */
export interface ConnectionsOptions {
  /** Open connections accepted at once; more are closed by Node at once. 0: no cap. */
  maxConnections: number;
}

/**
 * Knows every open connection and whether a request is in flight on it, so that a stop closes
 * all the others — idle keep-alive, silent (connected, nothing sent) and half-open (half a
 * head) — at once, instead of waiting for them until `SHUTDOWN_TIMEOUT_MS` (Node stops checking
 * header timeouts when the server closes, and closes only idle keep-alive connections itself).
 * While stopping, a request arriving on an open connection is answered 503 with `Retry-After`
 * (Fastify's own `return503OnClosing` answer is not our JSON), and a connection whose last
 * answer went out is closed.
 */
export const connectionsPlugin = fp<ConnectionsOptions>(
  async (app: FastifyInstance, { maxConnections }) => {
    const server = app.server;
    if (maxConnections > 0) server.maxConnections = maxConnections;
    const open = new Set<Socket>();
    let stopping = false;

    server.on('connection', (socket: Socket) => {
      if (stopping) {
        socket.destroy();
        return;
      }
      open.add(socket);
      connections.set(socket, { pending: new Set(), waiting: [] });
      socket.once('close', () => open.delete(socket));
    });
    server.on('request', (request, response) => {
      const state = connections.get(request.socket);
      if (state === undefined) return;
      state.pending.add(request);
      // 'close' fires once: the answer was sent, or the connection went away.
      response.once('close', () => {
        state.pending.delete(request);
        if (state.pending.size > 0) return;
        for (const then of state.waiting.splice(0)) then();
        // Ended, not destroyed: the answer just written is still being flushed.
        if (stopping) request.socket.end();
      });
    });

    app.addHook('onRequest', async () => {
      if (stopping) throw serviceError('shuttingDown');
    });
    app.addHook('preClose', async () => {
      stopping = true;
      for (const socket of open) {
        if ((connections.get(socket)?.pending.size ?? 0) === 0) socket.destroy();
      }
    });
  },
  { name: 'tokenswap-connections', fastify: '5.x' },
);
