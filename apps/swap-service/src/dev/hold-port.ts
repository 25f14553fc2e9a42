import { createServer, type Server } from 'node:net';

/** A port kept bound until the service is ready to listen on it. */
export interface HeldPort {
  readonly host: string;
  readonly port: number;
  /** `http://host:port` as a browser reaches it (a wildcard host becomes 127.0.0.1). */
  readonly url: string;
  /** Unbinds, so the service can listen on the port right after. */
  release(): Promise<void>;
}

/**
 * Binds `host:port` and keeps it bound, so a URL with the final port exists before the service
 * listens: development mode registers the playground's URL as a redirect URI at the mock, and
 * the mock must start before the service can be built. Port 0 takes a free port; with
 * `attempts` > 1 an occupied port moves on to the next one.
 *
 * @throws the bind error (`EADDRINUSE` after the last attempt, `EADDRNOTAVAIL`, …).
 * @example
 * ```ts
 * const held = await holdPort('127.0.0.1', 0);
 * // … start the mock with `${held.url}/` as a redirect URI, build the app …
 * await held.release();
 * await app.listen({ host: held.host, port: held.port });
 * ```
 */
export async function holdPort(
  host: string,
  port: number,
  options: { attempts?: number } = {},
): Promise<HeldPort> {
  const attempts = port === 0 ? 1 : Math.max(1, options.attempts ?? 1);
  for (let attempt = 0; ; attempt += 1) {
    const server = createServer();
    try {
      await bind(server, host, port + attempt);
    } catch (error) {
      const inUse = (error as { code?: unknown }).code === 'EADDRINUSE';
      if (!inUse || attempt + 1 >= attempts) throw error;
      continue;
    }
    const bound = (server.address() as { port: number }).port;
    return {
      host,
      port: bound,
      url: `http://${browserHost(host)}:${bound}`,
      release: () => new Promise<void>((resolve) => server.close(() => resolve())),
    };
  }
}

function bind(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port, exclusive: true }, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function browserHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
