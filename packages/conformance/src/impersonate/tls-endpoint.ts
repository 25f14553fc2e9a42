import type { IncomingMessage, ServerResponse } from 'node:http';
import { Agent, request as httpRequest } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { endToEndHeaders } from './internal/hop-by-hop.js';
import { SocketTracker } from './internal/socket-tracker.js';
import type { TunnelRegistry } from './internal/tunnel-registry.js';
import type { TrafficLog } from './traffic-log.js';

/** Options for {@link startTlsEndpoint}. */
export interface TlsEndpointOptions {
  readonly certPem: string;
  readonly keyPem: string;
  /** The mock's plain-HTTP origin, e.g. `http://127.0.0.1:4321`. */
  readonly upstreamOrigin: string;
  readonly tunnels: TunnelRegistry;
  readonly traffic: TrafficLog;
}

/** A running TLS endpoint on 127.0.0.1. */
export interface TlsEndpoint {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Serves the impersonated hosts over TLS with our certificate and hands every request, as it
 * came, to the mock's plain-HTTP origin. Terminating TLS in front of the mock (rather than
 * serving the mock app over https) works the same for a mock given by URL, by app, or running
 * in another process. Only connections that arrive through a proxy tunnel are served: the
 * endpoint's port is never handed out, so anything else is a stray and gets 403.
 *
 * @example
 * const endpoint = await startTlsEndpoint({ certPem, keyPem, upstreamOrigin, tunnels, traffic });
 */
export async function startTlsEndpoint(options: TlsEndpointOptions): Promise<TlsEndpoint> {
  const upstream = new URL(options.upstreamOrigin);
  const agent = new Agent({ keepAlive: true });
  const sockets = new SocketTracker();
  const server = createServer(
    { cert: options.certPem, key: options.keyPem, minVersion: 'TLSv1.2' },
    (req, res) => forward(req, res),
  );
  server.on('connection', (socket) => sockets.track(socket));
  server.on('secureConnection', (socket: TLSSocket) => {
    options.tunnels.markSecured(socket.remotePort);
  });

  function forward(req: IncomingMessage, res: ServerResponse): void {
    const host = options.tunnels.hostFor(req.socket.remotePort);
    const method = req.method ?? 'GET';
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (host === undefined) {
      res.writeHead(403, { 'content-type': 'text/plain' }).end('not reached through the proxy\n');
      return;
    }
    const upstreamRequest = httpRequest(
      {
        agent,
        protocol: upstream.protocol,
        hostname: upstream.hostname,
        port: upstream.port,
        method,
        path: req.url ?? '/',
        // The Host header stays `accounts.spotify.com`: the mock sees the request as sent.
        headers: endToEndHeaders(req.headers),
      },
      (upstreamResponse) => {
        const status = upstreamResponse.statusCode ?? 502;
        const headers = endToEndHeaders(upstreamResponse.headers);
        const location = headers.location;
        if (typeof location === 'string' && location.startsWith(upstream.origin)) {
          headers.location = `https://${host}${location.slice(upstream.origin.length)}`;
        }
        options.traffic.requestServed({ host, method, path, status });
        res.writeHead(status, headers);
        upstreamResponse.on('error', () => res.destroy());
        upstreamResponse.pipe(res);
      },
    );
    upstreamRequest.on('error', () => {
      // The mock reset the connection (a `reset` fault) or is down: reset ours too, so the
      // server under test sees exactly what it would see from a failing Spotify.
      if (!res.headersSent) options.traffic.requestServed({ host, method, path, status: 0 });
      res.destroy();
    });
    req.on('error', () => upstreamRequest.destroy());
    req.pipe(upstreamRequest);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => {
      server.off('error', reject);
      resolve();
    });
  });

  return {
    port: (server.address() as AddressInfo).port,
    close: async () => {
      sockets.destroyAll();
      agent.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
