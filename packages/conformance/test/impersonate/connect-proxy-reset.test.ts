import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConnectProxy, startConnectProxy } from '../../src/impersonate/connect-proxy.js';
import { TunnelRegistry } from '../../src/impersonate/internal/tunnel-registry.js';
import { TrafficLog } from '../../src/impersonate/traffic-log.js';

// Regression (issue 15, item 6): Node clears `localPort` when a socket is destroyed, so a
// tunnel the TLS endpoint reset looked "never connected" and the proxy wrote a plaintext
// `HTTP/1.1 502` into the client's (TLS) byte stream. Once established, a tunnel only closes.

describe('a tunnel the endpoint resets', () => {
  let endpoint: Server;
  let proxy: ConnectProxy;

  beforeAll(async () => {
    // Stands in for the TLS endpoint: takes the first bytes, then resets the connection.
    endpoint = createServer((socket: Socket) => {
      socket.on('error', () => {});
      socket.once('data', () => socket.resetAndDestroy());
    });
    await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
    const port = (endpoint.address() as { port: number }).port;
    proxy = await startConnectProxy({
      hosts: ['accounts.spotify.com'],
      tlsPort: port,
      tunnels: new TunnelRegistry(),
      traffic: new TrafficLog(['accounts.spotify.com']),
    });
  });
  afterAll(async () => {
    await proxy.close();
    await new Promise((resolve) => endpoint.close(resolve));
  });

  it('is closed, with no proxy answer written into it', async () => {
    const url = new URL(proxy.url);
    const client = connect(Number(url.port), url.hostname);
    client.on('error', () => {});
    let received = '';
    client.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      // Established: send what would be a TLS ClientHello; the endpoint resets on it.
      if (received.includes('\r\n\r\n') && !client.destroyed) client.write('\x16\x03\x01hello');
    });
    client.write(
      'CONNECT accounts.spotify.com:443 HTTP/1.1\r\nHost: accounts.spotify.com:443\r\n\r\n',
    );
    await new Promise((resolve) => client.once('close', resolve));
    expect(received).toBe('HTTP/1.1 200 Connection Established\r\n\r\n');
  });
});
