/**
 * Which impersonated host each open tunnel was opened for, keyed by the local port of the
 * proxy's connection to the TLS endpoint (which the endpoint sees as the remote port). This is
 * how the endpoint knows a request came through the proxy and for which CONNECT host, and how
 * the proxy learns, when a tunnel closes, whether TLS ever came up inside it.
 */
export class TunnelRegistry {
  readonly #byPort = new Map<number, { host: string; secured: boolean }>();

  add(localPort: number, host: string): void {
    this.#byPort.set(localPort, { host, secured: false });
  }

  /** Called by the TLS endpoint when a handshake on this connection completed. */
  markSecured(remotePort: number | undefined): void {
    const tunnel = remotePort === undefined ? undefined : this.#byPort.get(remotePort);
    if (tunnel !== undefined) tunnel.secured = true;
  }

  /** Forgets the tunnel and tells whether its TLS handshake ever completed. */
  remove(localPort: number): { host: string; secured: boolean } | undefined {
    const tunnel = this.#byPort.get(localPort);
    this.#byPort.delete(localPort);
    return tunnel;
  }

  /** Tunnels still open whose TLS handshake has not completed (yet). */
  unsecuredCount(): number {
    let count = 0;
    for (const tunnel of this.#byPort.values()) if (!tunnel.secured) count += 1;
    return count;
  }

  hostFor(remotePort: number | undefined): string | undefined {
    return remotePort === undefined ? undefined : this.#byPort.get(remotePort)?.host;
  }
}
