import { Counter, Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createMetrics, type UpstreamGrant } from '../src/metrics.js';

type Event =
  | { kind: 'request'; route: string; method: string; status: number }
  | { kind: 'upstream'; grant: UpstreamGrant; outcome: string; seconds: number };

const EVENTS: Event[] = [
  { kind: 'request', route: '/swap', method: 'POST', status: 200 },
  { kind: 'upstream', grant: 'authorization_code', outcome: '200', seconds: 0.004 },
  { kind: 'request', route: '/refresh', method: 'POST', status: 400 },
  { kind: 'request', route: '/swap', method: 'POST', status: 200 },
  { kind: 'upstream', grant: 'refresh_token', outcome: 'timeout', seconds: 10.2 },
  { kind: 'request', route: 'not_found', method: 'GET', status: 404 },
  { kind: 'upstream', grant: 'authorization_code', outcome: '200', seconds: 0.3 },
];

/** The same metrics as `createMetrics` builds, counted the plain prom-client way (as before). */
function plainPromClient() {
  const registry = new Registry();
  const metrics = createMetrics();
  const [http, upstream, duration, ...rest] = metrics.registry.getMetricsAsArray();
  const copy = (m: unknown) => {
    const { name, help, labelNames, buckets } = m as {
      name: string;
      help: string;
      labelNames: string[];
      buckets?: number[];
    };
    return buckets === undefined
      ? new Counter({ name, help, labelNames, registers: [registry] })
      : new Histogram({ name, help, labelNames, buckets, registers: [registry] });
  };
  const counters = [http, upstream, duration, ...rest].map(copy);
  return {
    registry,
    apply(event: Event) {
      if (event.kind === 'request') {
        const { route, method, status } = event;
        (counters[0] as Counter).inc({ route, method, status: String(status) });
      } else {
        (counters[1] as Counter).inc({ grant: event.grant, outcome: event.outcome });
        (counters[2] as Histogram).observe({ grant: event.grant }, event.seconds);
      }
    },
  };
}

describe('createMetrics: per-request counts kept as numbers', () => {
  it('scrape the same text as prom-client’s own inc/observe, scraped in between or not', async () => {
    const metrics = createMetrics();
    const plain = plainPromClient();
    for (const [i, event] of EVENTS.entries()) {
      if (event.kind === 'request') metrics.countRequest(event.route, event.method, event.status);
      else metrics.countUpstreamCall(event.grant, event.outcome, event.seconds);
      plain.apply(event);
      if (i === 3) expect(await metrics.registry.metrics()).toBe(await plain.registry.metrics());
    }
    const text = await metrics.registry.metrics();
    expect(text).toBe(await plain.registry.metrics());
    expect(text).toContain(
      'tokenswap_http_requests_total{route="/swap",method="POST",status="200"} 2\n',
    );
    expect(text).toContain(
      'tokenswap_upstream_duration_seconds_count{grant="authorization_code"} 2\n',
    );
    // A scrape adds each count once.
    expect(await metrics.registry.metrics()).toBe(text);
  });

  it('a counter read on its own (get) includes the pending counts', async () => {
    const metrics = createMetrics();
    metrics.countRequest('/refresh', 'POST', 200);
    const { values } = await metrics.httpRequests.get();
    expect(values).toEqual([
      { labels: { route: '/refresh', method: 'POST', status: '200' }, value: 1 },
    ]);
  });
});
