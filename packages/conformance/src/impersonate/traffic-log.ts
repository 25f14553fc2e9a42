/** Upstream traffic the impersonation saw for one impersonated host. */
export interface ImpersonationHit {
  /** The impersonated host, e.g. `accounts.spotify.com`. */
  readonly host: string;
  /** CONNECT tunnels the proxy opened for this host (the server honoured the proxy variables). */
  readonly count: number;
  /** HTTPS requests that came through those tunnels and were handed to the mock. */
  readonly requests: number;
  /**
   * Tunnels that closed without a completed TLS handshake: the server does not trust the
   * impersonation CA (or gave up before TLS).
   */
  readonly tlsFailures: number;
}

/** A proxy request that was refused because its target is not impersonated. */
export interface RefusedTarget {
  /** `host:port` of a CONNECT, or the origin of a plain-HTTP proxy request. */
  readonly target: string;
  readonly count: number;
}

/** One request handed to the mock. The query string is dropped: it may carry a code. */
export interface ImpersonatedRequest {
  readonly host: string;
  readonly method: string;
  readonly path: string;
  /** Status the mock answered, or 0 when it reset the connection or could not be reached. */
  readonly status: number;
}

/** Keeps at most this many request records; counters are never capped. */
const MAX_RECORDS = 1000;

/**
 * Counts what crossed the proxy and the TLS endpoint, so a run can tell a server that ignores
 * the proxy variables (no tunnels), one that distrusts the CA (tunnels, failed handshakes) and
 * one whose traffic reached the mock (requests). Mutated by the proxy and endpoint only.
 */
export class TrafficLog {
  readonly #hits = new Map<string, { count: number; requests: number; tlsFailures: number }>();
  readonly #refused = new Map<string, number>();
  #records: ImpersonatedRequest[] = [];

  constructor(readonly hosts: readonly string[]) {
    this.reset();
  }

  tunnelOpened(host: string): void {
    this.#hit(host).count += 1;
  }

  tlsFailed(host: string): void {
    this.#hit(host).tlsFailures += 1;
  }

  requestServed(record: ImpersonatedRequest): void {
    this.#hit(record.host).requests += 1;
    if (this.#records.length < MAX_RECORDS) this.#records.push(record);
  }

  refused(target: string): void {
    this.#refused.set(target, (this.#refused.get(target) ?? 0) + 1);
  }

  hits(): ImpersonationHit[] {
    return [...this.#hits].map(([host, hit]) => ({ host, ...hit }));
  }

  refusals(): RefusedTarget[] {
    return [...this.#refused].map(([target, count]) => ({ target, count }));
  }

  requests(): ImpersonatedRequest[] {
    return [...this.#records];
  }

  reset(): void {
    this.#hits.clear();
    for (const host of this.hosts) this.#hits.set(host, { count: 0, requests: 0, tlsFailures: 0 });
    this.#refused.clear();
    this.#records = [];
  }

  #hit(host: string): { count: number; requests: number; tlsFailures: number } {
    let hit = this.#hits.get(host);
    if (hit === undefined) {
      hit = { count: 0, requests: 0, tlsFailures: 0 };
      this.#hits.set(host, hit);
    }
    return hit;
  }
}
