import { createServer } from 'node:net';

/**
 * A free TCP port on 127.0.0.1, taken and released at once — for a server that must be told its
 * port before it starts (a spawned redis-server, a cluster node). Anything we start in-process
 * listens on port 0 instead.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
