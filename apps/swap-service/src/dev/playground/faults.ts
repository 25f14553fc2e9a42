import type { Fault } from '@tokenswap/mock-accounts';

/** The faults the playground offers, by the name its page posts. */
export type PlaygroundFaultName = 'status-503' | 'rate-limit' | 'slow' | 'malformed-json';

/** One fault: what the mock is told to do, and how the page describes it. */
export interface PlaygroundFault {
  readonly label: string;
  /** What the mock's token endpoint will answer, in words. */
  readonly upstream: string;
  /** How the service should map it (core's mapping table), to compare with what it does. */
  readonly expected: string;
  readonly fault: Fault;
}

/** Retry-After the rate-limit fault sends; small, so a reader can see it passed on. */
const RETRY_AFTER_SECONDS = 7;

/**
 * The mock faults the page can inject on the next token request, with the mapping the service
 * promises for each (docs: core's `interpretTokenResponse`). The slow fault waits past the
 * service's upstream timeout, so it needs that timeout.
 *
 * @example
 * ```ts
 * playgroundFaults(10_000)['status-503'].fault; // { kind: 'status', status: 503, … }
 * ```
 */
export function playgroundFaults(
  upstreamTimeoutMs: number,
): Readonly<Record<PlaygroundFaultName, PlaygroundFault>> {
  // The mock caps a delay at 120 s; a timeout that long cannot be shown, only approached.
  const slowMs = Math.min(upstreamTimeoutMs + 2_000, 120_000);
  return {
    'status-503': {
      label: '503 Service Unavailable',
      upstream: '503 with an HTML body',
      expected: '502 temporarily_unavailable',
      fault: {
        kind: 'status',
        status: 503,
        body: '<html><body>Service Unavailable</body></html>',
        headers: { 'content-type': 'text/html' },
      },
    },
    'rate-limit': {
      label: `429 Too Many Requests (Retry-After: ${RETRY_AFTER_SECONDS})`,
      upstream: `429 with Retry-After: ${RETRY_AFTER_SECONDS}`,
      expected: `429 temporarily_unavailable with Retry-After: ${RETRY_AFTER_SECONDS}`,
      fault: { kind: 'rate-limit', retryAfter: RETRY_AFTER_SECONDS },
    },
    slow: {
      label: `Slow: answers after ${slowMs / 1000} s`,
      upstream: `no answer for ${slowMs / 1000} s (the service gives up after ${upstreamTimeoutMs / 1000} s)`,
      expected: '504 temporarily_unavailable',
      fault: { kind: 'delay', ms: slowMs },
    },
    'malformed-json': {
      label: 'Malformed JSON (200, truncated body)',
      upstream: '200 with a truncated JSON body',
      expected: '502 server_error',
      fault: { kind: 'malformed-json' },
    },
  };
}

/** The fault names, in the order the page lists them. */
export const PLAYGROUND_FAULT_NAMES: readonly PlaygroundFaultName[] = [
  'status-503',
  'rate-limit',
  'slow',
  'malformed-json',
];
