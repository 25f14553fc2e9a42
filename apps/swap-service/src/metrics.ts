import { Counter, Histogram, Registry } from 'prom-client';
import { PendingCounts } from './pending-counts.js';

/** Which upstream grant a call made. */
export type UpstreamGrant = 'authorization_code' | 'refresh_token';
/** Which legacy format a refresh token came in. */
export type LegacyFormat = 'encrypted-strings' | 'create-cipher';

/**
 * The service's Prometheus metrics, in a registry of its own (not prom-client's global one) so
 * several apps in one process — tests, benches — never share or clash.
 */
export interface ServiceMetrics {
  readonly registry: Registry;
  /** `tokenswap_http_requests_total{route,method,status}`. */
  readonly httpRequests: Counter<'route' | 'method' | 'status'>;
  /** `tokenswap_upstream_requests_total{grant,outcome}`: outcome is the status, `timeout` or `unreachable`. */
  readonly upstreamRequests: Counter<'grant' | 'outcome'>;
  /** `tokenswap_upstream_duration_seconds{grant}`. */
  readonly upstreamDuration: Histogram<'grant'>;
  /** `tokenswap_legacy_refresh_total{format}`: refreshes served from a legacy-format token. */
  readonly legacyRefreshes: Counter<'format'>;
  /**
   * `tokenswap_sealed_refresh_total{key_id}`: refreshes served from a sealed token, by the key id
   * that opened it. The figure to watch before retiring a key (README, "Retiring a key").
   */
  readonly sealedRefreshes: Counter<'key_id'>;
  /**
   * Counts one answer in `httpRequests`: the per-request path, kept cheap (plain numbers, added
   * to the counter at scrape time). `route` is a route pattern and `method` one Node's parser
   * accepts, so the label sets stay bounded.
   */
  countRequest(route: string, method: string, status: number): void;
  /** Counts one upstream call in `upstreamRequests` and its duration in `upstreamDuration`. */
  countUpstreamCall(grant: UpstreamGrant, outcome: string, seconds: number): void;
}

/** One label object per grant, so observing a duration builds none. */
const GRANT_LABELS: Readonly<Record<UpstreamGrant, { grant: UpstreamGrant }>> = {
  authorization_code: { grant: 'authorization_code' },
  refresh_token: { grant: 'refresh_token' },
};

/**
 * Creates the metrics of one app.
 *
 * @example
 * ```ts
 * const metrics = createMetrics();
 * metrics.legacyRefreshes.inc({ format: 'encrypted-strings' });
 * const text = await metrics.registry.metrics();
 * ```
 */
export function createMetrics(): ServiceMetrics {
  const registry = new Registry();
  const pendingRequests = new PendingCounts<'route' | 'method' | 'status'>();
  const pendingUpstream = new PendingCounts<'grant' | 'outcome'>();
  const httpRequests: Counter<'route' | 'method' | 'status'> = new Counter({
    name: 'tokenswap_http_requests_total',
    help: 'HTTP requests answered, by route pattern, method and status.',
    labelNames: ['route', 'method', 'status'],
    registers: [registry],
    collect: () => pendingRequests.flushInto(httpRequests),
  });
  const upstreamRequests: Counter<'grant' | 'outcome'> = new Counter({
    name: 'tokenswap_upstream_requests_total',
    help: 'Calls to the accounts service token endpoint, by grant and outcome (status, timeout, unreachable).',
    labelNames: ['grant', 'outcome'],
    registers: [registry],
    collect: () => pendingUpstream.flushInto(upstreamRequests),
  });
  const upstreamDuration = new Histogram<'grant'>({
    name: 'tokenswap_upstream_duration_seconds',
    help: 'Duration of calls to the accounts service token endpoint.',
    labelNames: ['grant'],
    buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return {
    registry,
    httpRequests,
    upstreamRequests,
    upstreamDuration,
    countRequest(route, method, status) {
      pendingRequests.add(`${route} ${method} ${status}`, () => ({
        route,
        method,
        status: String(status),
      }));
    },
    countUpstreamCall(grant, outcome, seconds) {
      pendingUpstream.add(`${grant} ${outcome}`, () => ({ grant, outcome }));
      upstreamDuration.observe(GRANT_LABELS[grant], seconds);
    },
    legacyRefreshes: new Counter({
      name: 'tokenswap_legacy_refresh_total',
      help: 'Refreshes served from a refresh token in a legacy format, by format.',
      labelNames: ['format'],
      registers: [registry],
    }),
    sealedRefreshes: new Counter({
      name: 'tokenswap_sealed_refresh_total',
      help: 'Refreshes served from a sealed refresh token, by the key id that opened it; tokens under a key other than the first are re-sealed under the first.',
      labelNames: ['key_id'],
      registers: [registry],
    }),
  };
}
