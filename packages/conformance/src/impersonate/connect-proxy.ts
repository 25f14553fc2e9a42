import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';
import { parseAuthority } from './internal/parse-authority.js';
import { SocketTracker } from './internal/socket-tracker.js';
import type { TunnelRegistry } from './internal/tunnel-registry.js';
import type { TrafficLog } from './traffic-log.js';

/** Options for {@link startConnectProxy}. */
export interface ConnectProxyOptions {
  /** Impersonated host names (lower case). CONNECTs to these on port 443 are tunnelled. */
  readonly hosts: readonly string[];
  /** Port of the TLS endpoint on 127.0.0.1 that serves the impersonated hosts. */
  readonly tlsPort: number;
  readonly tunnels: TunnelRegistry;
  readonly traffic: TrafficLog;
}

/** A running proxy on 127.0.0.1. */
export interface ConnectProxy {
  /** `http://127.0.0.1:PORT`, the value for `HTTPS_PROXY`. */
  readonly url: string;
  close(): Promise<void>;
}

/** Port the impersonated hosts are reached on: the servers under test hard-code `https://`. */
const HTTPS_PORT = 443;

/**
 * An HTTP proxy on 127.0.0.1 that tunnels `CONNECT accounts.spotify.com:443` (and the other
 * impersonated hosts) to the TLS endpoint and refuses everything else with 403: other hosts,
 * other ports, and plain-HTTP absolute-URI requests. Nothing is ever forwarded off the machine,
 * and no name is ever resolved.
 *
 * @example
 * const proxy = await startConnectProxy({ hosts, tlsPort, tunnels, traffic });
 * // HTTPS_PROXY=proxy.url
 */
export async function startConnectProxy(options: ConnectProxyOptions): Promise<ConnectProxy> {
  const allowed = new Set(options.hosts);
  const sockets = new SocketTracker();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    // Plain-HTTP proxying (`GET http://host/...`) is never served: the servers we judge call
    // Spotify over https, and anything else must not leave the machine.
    options.traffic.refused(originOf(req.url));
    res
      .writeHead(403, { 'content-type': 'text/plain', connection: 'close' })
      .end('impersonation proxy: only CONNECT to impersonated hosts on port 443 is allowed\n');
  });
  server.on('connection', (socket: Socket) => sockets.track(socket));
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    client.on('error', () => client.destroy());
    const authority = parseAuthority(req.url);
    if (authority === undefined || !allowed.has(authority.host) || authority.port !== HTTPS_PORT) {
      options.traffic.refused(req.url ?? '');
      refuse(client, 403, 'Forbidden', 'not an impersonated host on port 443');
      return;
    }
    const { host } = authority;
    const upstream = connect({ host: '127.0.0.1', port: options.tlsPort });
    sockets.track(upstream);
    // Tracked here, not read off the socket: Node clears `localPort` once a socket is destroyed,
    // so after the endpoint reset an established tunnel it looked "never connected", and a
    // plaintext 502 went into the client's TLS stream (a random ERR-012 verdict, issue 15).
    let connected = false;
    upstream.on('error', () => {
      // Only before the tunnel is established may the proxy still answer in plain HTTP.
      if (!connected && client.writable) {
        refuse(client, 502, 'Bad Gateway', 'impersonation endpoint unreachable');
      } else client.destroy();
    });
    upstream.on('connect', () => {
      connected = true;
      const localPort = upstream.localPort;
      if (localPort !== undefined) {
        options.tunnels.add(localPort, host);
        upstream.once('close', () => {
          // A tunnel that closes without a completed handshake: the client rejected our
          // certificate (or gave up before TLS), which the verdict reports as distrust.
          if (options.tunnels.remove(localPort)?.secured === false) {
            options.traffic.tlsFailed(host);
          }
        });
      }
      options.traffic.tunnelOpened(host);
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => {
      server.off('error', reject);
      resolve();
    });
  });

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      sockets.destroyAll();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function refuse(client: Socket, status: number, reason: string, message: string): void {
  const body = `impersonation proxy: ${message}\n`;
  client.end(
    `HTTP/1.1 ${status} ${reason}\r\ncontent-type: text/plain\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

function originOf(url: string | undefined): string {
  try {
    return new URL(url ?? '').origin;
  } catch {
    return '(origin-form request: not a proxy request)';
  }
}
