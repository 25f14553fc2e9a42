import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createImpersonationCertificates } from './certificate-authority.js';
import { type ConnectProxy, startConnectProxy } from './connect-proxy.js';
import { impersonationEnv } from './impersonation-env.js';
import { type ListenableApp, resolveMockOrigin } from './internal/mock-origin.js';
import { TunnelRegistry } from './internal/tunnel-registry.js';
import { startTlsEndpoint, type TlsEndpoint } from './tls-endpoint.js';
import {
  type ImpersonatedRequest,
  type ImpersonationHit,
  type RefusedTarget,
  TrafficLog,
} from './traffic-log.js';
import { DEFAULT_SYSTEM_CA_BUNDLE, writeTrustFiles } from './trust-files.js';

/** Hosts impersonated by default: the accounts service and the Web API. */
export const DEFAULT_IMPERSONATED_HOSTS: readonly string[] = [
  'accounts.spotify.com',
  'api.spotify.com',
];

/** Options for {@link startImpersonation}: exactly one of `mockUrl` and `mockApp`. */
export interface ImpersonationOptions {
  /** The mock's plain-HTTP origin, e.g. `startMockAccounts()`'s `url`. */
  readonly mockUrl?: string;
  /** A mock app factory's instance (`buildMockApp().app`); started on 127.0.0.1:0 if needed. */
  readonly mockApp?: ListenableApp;
  /** Host names to impersonate. Default {@link DEFAULT_IMPERSONATED_HOSTS}. */
  readonly hosts?: readonly string[];
  /** System CA bundle appended to ours for `SSL_CERT_FILE` & co.; null for none. */
  readonly systemCaBundlePath?: string | null;
}

/** A running impersonation. Call `close()` when done: it also deletes the temp dir. */
export interface Impersonation {
  /** PEM file of the throw-away CA (what `NODE_EXTRA_CA_CERTS` points at). */
  readonly caCertPath: string;
  /** Our CA plus the system roots (what `SSL_CERT_FILE` & co. point at). */
  readonly caBundlePath: string;
  /** `http://127.0.0.1:PORT` of the CONNECT proxy. */
  readonly proxyUrl: string;
  /** Variables to add to the server-under-test's environment (see `impersonationEnv`). */
  readonly env: Readonly<Record<string, string>>;
  readonly hosts: readonly string[];
  /** Per impersonated host: tunnels opened, requests served, TLS handshakes that failed. */
  hits(): ImpersonationHit[];
  /** Proxy requests refused because they were for another host or port. */
  refused(): RefusedTarget[];
  /** Requests handed to the mock, in order (query strings dropped). */
  requests(): ImpersonatedRequest[];
  /** True once any request reached the mock through the proxy. */
  reachedMock(): boolean;
  /**
   * Resolves once no tunnel is left half-open (TLS neither completed nor failed), or after
   * `timeoutMs` (default 2000). A client that rejects our certificate tells its caller at once,
   * but the proxy learns of it only when the tunnel closes: settle before judging.
   */
  settle(timeoutMs?: number): Promise<void>;
  /** Zeroes the counters, e.g. before the server under test is started. */
  resetCounters(): void;
  close(): Promise<void>;
}

/**
 * Lets a server that hard-codes `https://accounts.spotify.com` be judged unmodified: creates a
 * throw-away CA and a certificate for `hosts`, serves the mock over TLS with it, and runs a
 * CONNECT proxy on 127.0.0.1 that tunnels those hosts (port 443) to it and refuses all others.
 * Spawn the server with `env` added to its environment.
 *
 * @example
 * const mock = await startMockAccounts();
 * const imp = await startImpersonation({ mockUrl: mock.url });
 * spawn('ruby', ['server.rb'], { env: { ...process.env, ...imp.env } });
 * // … run the cases …
 * judgeUpstreamReach(imp); // IMP-001
 * await imp.close();
 */
export async function startImpersonation(options: ImpersonationOptions): Promise<Impersonation> {
  const hosts = normaliseHosts(options.hosts ?? DEFAULT_IMPERSONATED_HOSTS);
  const mock = await resolveMockOrigin(options.mockUrl, options.mockApp);
  const dir = await mkdtemp(join(tmpdir(), 'tokenswap-impersonate-'));
  let endpoint: TlsEndpoint | undefined;
  let proxy: ConnectProxy | undefined;
  const stop = async (): Promise<void> => {
    await proxy?.close();
    await endpoint?.close();
    await mock.release();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const certificates = createImpersonationCertificates({ hosts });
    const trust = await writeTrustFiles(
      dir,
      certificates.caCertPem,
      options.systemCaBundlePath === undefined
        ? DEFAULT_SYSTEM_CA_BUNDLE
        : options.systemCaBundlePath,
    );
    const tunnels = new TunnelRegistry();
    const traffic = new TrafficLog(hosts);
    endpoint = await startTlsEndpoint({
      certPem: certificates.serverCertPem,
      keyPem: certificates.serverKeyPem,
      upstreamOrigin: mock.origin,
      tunnels,
      traffic,
    });
    proxy = await startConnectProxy({ hosts, tlsPort: endpoint.port, tunnels, traffic });
    return buildHandle(proxy.url, trust, hosts, traffic, tunnels, once(stop));
  } catch (error) {
    await stop();
    throw error;
  }
}

function buildHandle(
  proxyUrl: string,
  trust: { caCertPath: string; caBundlePath: string },
  hosts: readonly string[],
  traffic: TrafficLog,
  tunnels: TunnelRegistry,
  close: () => Promise<void>,
): Impersonation {
  return {
    caCertPath: trust.caCertPath,
    caBundlePath: trust.caBundlePath,
    proxyUrl,
    env: Object.freeze(impersonationEnv(proxyUrl, trust)),
    hosts,
    hits: () => traffic.hits(),
    refused: () => traffic.refusals(),
    requests: () => traffic.requests(),
    reachedMock: () => traffic.hits().some((hit) => hit.requests > 0),
    settle: (timeoutMs = 2_000) => waitFor(() => tunnels.unsecuredCount() === 0, timeoutMs),
    resetCounters: () => traffic.reset(),
    close,
  };
}

const HOST_NAME =
  /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

function normaliseHosts(hosts: readonly string[]): readonly string[] {
  const normalised = [...new Set(hosts.map((host) => host.trim().toLowerCase()))];
  if (normalised.length === 0) throw new TypeError('startImpersonation: hosts is empty');
  for (const host of normalised) {
    if (!HOST_NAME.test(host)) throw new TypeError(`startImpersonation: not a host name: ${host}`);
  }
  return Object.freeze(normalised);
}

/** Polls `done` every 20 ms until it holds or `timeoutMs` passed; never rejects. */
async function waitFor(done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done() && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => {
    running ??= fn();
    return running;
  };
}
