import type { ImpersonationHit } from './traffic-log.js';

/** Stable id of the impersonation precondition case. */
export const UPSTREAM_REACH_CASE_ID = 'IMP-001';

/** What the suite reports for IMP-001, in the shape of a case result (less its duration). */
export interface UpstreamReachVerdict {
  readonly id: typeof UPSTREAM_REACH_CASE_ID;
  readonly title: string;
  readonly level: 'MUST';
  readonly basis: string;
  readonly status: 'passed' | 'failed';
  /** Why, in one or two sentences a server's author can act on. */
  readonly message: string;
  /** Which way it went wrong; `reached` when it passed. */
  readonly diagnosis: 'reached' | 'ignored-proxy' | 'untrusted-ca' | 'no-request';
}

/** The part of an `Impersonation` the verdict reads. */
export interface TrafficSource {
  hits(): ImpersonationHit[];
}

const TITLE = "server's upstream traffic reached the mock through the proxy";
const BASIS =
  'impersonation mode (issue 12): servers that hard-code https://accounts.spotify.com are judged ' +
  'as deployed, which needs their Spotify calls to reach the mock';

/**
 * Judges, after the cases ran, whether the server under test sent its Spotify traffic through
 * the impersonation proxy to the mock. Tells apart a server that ignores the proxy variables
 * (no CONNECT at all), one that used the proxy but rejected our CA (handshakes failed), and one
 * that opened tunnels but sent no request. When this fails, the other cases' failures say
 * nothing about the server's swap logic: the report should lead with this. Call the
 * impersonation's `settle()` first, so that rejected handshakes have been counted.
 *
 * @example
 * await impersonation.settle();
 * const verdict = judgeUpstreamReach(impersonation);
 * if (verdict.status === 'failed') console.error(verdict.message);
 */
export function judgeUpstreamReach(source: TrafficSource): UpstreamReachVerdict {
  const hits = source.hits();
  const tunnels = sum(hits, (hit) => hit.count);
  const requests = sum(hits, (hit) => hit.requests);
  const tlsFailures = sum(hits, (hit) => hit.tlsFailures);
  const base = { id: UPSTREAM_REACH_CASE_ID, title: TITLE, level: 'MUST', basis: BASIS } as const;
  if (requests > 0) {
    const perHost = hits
      .filter((hit) => hit.requests > 0)
      .map((hit) => `${hit.host}: ${hit.requests}`)
      .join(', ');
    return {
      ...base,
      status: 'passed',
      diagnosis: 'reached',
      message: `requests served by the mock through the proxy (${perHost})`,
    };
  }
  if (tunnels === 0) {
    return {
      ...base,
      status: 'failed',
      diagnosis: 'ignored-proxy',
      message:
        'expected the server to call Spotify through the proxy, but it never connected through the proxy: it ignores HTTPS_PROXY or made no ' +
        "upstream call. Node's own https and fetch follow HTTPS_PROXY only with " +
        'NODE_USE_ENV_PROXY=1 (set here) on Node >= 22.21/24.5; on Node 20 it does nothing: ' +
        "preload global-agent (npm i global-agent@3; add '-r global-agent/bootstrap' to the " +
        'node command; its GLOBAL_AGENT_* variables are set here). See docs/impersonate.md ' +
        'for servers that honour no proxy variable',
    };
  }
  if (tlsFailures > 0) {
    return {
      ...base,
      status: 'failed',
      diagnosis: 'untrusted-ca',
      message:
        `expected the server to trust the impersonation CA: it used the proxy (${tunnels} tunnel(s)) but rejected the impersonation ` +
        `certificate in ${tlsFailures} handshake(s): it does not read NODE_EXTRA_CA_CERTS / ` +
        'SSL_CERT_FILE / REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE',
    };
  }
  return {
    ...base,
    status: 'failed',
    diagnosis: 'no-request',
    message: `expected a request through the proxy, got none: the server opened ${tunnels} tunnel(s) but sent no request`,
  };
}

function sum(hits: readonly ImpersonationHit[], pick: (hit: ImpersonationHit) => number): number {
  return hits.reduce((total, hit) => total + pick(hit), 0);
}
