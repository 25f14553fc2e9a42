import { request } from 'undici';

/**
 * The service's `tokenswap_upstream_requests_total` from GET /metrics, summed over grants:
 * outcome (the upstream status, `timeout` or `unreachable`) → count.
 */
export async function upstreamOutcomes(serviceUrl: string): Promise<Record<string, number>> {
  const response = await request(`${serviceUrl}/metrics`);
  const text = await response.body.text();
  const outcomes: Record<string, number> = {};
  for (const match of text.matchAll(
    /^tokenswap_upstream_requests_total\{[^}]*outcome="([^"]+)"[^}]*\} (\d+)/gm,
  )) {
    const outcome = match[1] as string;
    outcomes[outcome] = (outcomes[outcome] ?? 0) + Number(match[2]);
  }
  return outcomes;
}

/** `after - before`, per key, leaving out zeros. */
export function diffTally(
  before: Record<string, number>,
  after: Record<string, number>,
): Record<string, number> {
  const diff: Record<string, number> = {};
  for (const [key, value] of Object.entries(after)) {
    const delta = value - (before[key] ?? 0);
    if (delta !== 0) diff[key] = delta;
  }
  return diff;
}
