import { MockAccountsError } from './errors.js';

/** The endpoints a fault can be injected on. */
export type FaultEndpoint = 'token' | 'me' | 'authorize';

/** What to do instead of (or before) answering normally. */
export type Fault =
  /** Answer with this status, body (sent as is) and headers. */
  | { kind: 'status'; status: number; body?: string; headers?: Record<string, string> }
  /** Answer 429 with `Retry-After: retryAfter`; `body` replaces the endpoint's default body. */
  | { kind: 'rate-limit'; retryAfter: number; body?: string }
  /** Wait `ms`, then answer normally. */
  | { kind: 'delay'; ms: number }
  /** Answer 200 with a JSON content type and a truncated JSON body. */
  | { kind: 'malformed-json' }
  /** Destroy the connection without an answer. */
  | { kind: 'reset' };

/** The fault controls of the mock. */
export interface MockFaults {
  /** Makes the next `count` (default 1) requests to `endpoint` fail with `fault`. */
  inject(endpoint: FaultEndpoint, fault: Fault, count?: number): void;
  /** Drops every pending fault. */
  clear(): void;
  /** How many faulted requests are still to come, over all endpoints. */
  pending(): number;
}

/** The registry behind {@link MockFaults}; the request hook takes faults from it. */
export interface FaultRegistry extends MockFaults {
  /** Consumes and returns the next fault for `endpoint`, if any. */
  take(endpoint: FaultEndpoint): Fault | undefined;
}

const ENDPOINTS: readonly FaultEndpoint[] = ['token', 'me', 'authorize'];
const MAX_DELAY_MS = 120_000;

const bad = (message: string) => new MockAccountsError('invalid_request', message);

/** Checks an endpoint name from untrusted input (the HTTP control API). */
export function parseFaultEndpoint(raw: unknown): FaultEndpoint {
  if (ENDPOINTS.includes(raw as FaultEndpoint)) return raw as FaultEndpoint;
  throw bad(`endpoint must be one of ${ENDPOINTS.join(', ')}`);
}

function stringRecord(raw: unknown): Record<string, string> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw bad('fault.headers must be an object of strings');
  }
  const entries = Object.entries(raw);
  if (!entries.every(([, v]) => typeof v === 'string')) {
    throw bad('fault.headers must be an object of strings');
  }
  return Object.fromEntries(entries) as Record<string, string>;
}

/**
 * Validates a fault (from the library or the HTTP control API) and returns a frozen copy.
 *
 * @throws {MockAccountsError} `invalid_request` naming the bad field.
 */
export function parseFault(raw: unknown): Fault {
  if (typeof raw !== 'object' || raw === null) throw bad('fault must be an object');
  const f = raw as Record<string, unknown>;
  const optionalBody = (): { body?: string } => {
    if (f.body === undefined) return {};
    if (typeof f.body !== 'string') throw bad('fault.body must be a string');
    return { body: f.body };
  };
  switch (f.kind) {
    case 'status': {
      const status = f.status;
      if (typeof status !== 'number' || !Number.isInteger(status) || status < 200 || status > 599) {
        throw bad('fault.status must be an integer from 200 to 599');
      }
      const headers = f.headers === undefined ? {} : { headers: stringRecord(f.headers) };
      return Object.freeze({ kind: 'status', status, ...optionalBody(), ...headers });
    }
    case 'rate-limit': {
      const retryAfter = f.retryAfter;
      if (typeof retryAfter !== 'number' || !Number.isInteger(retryAfter) || retryAfter < 0) {
        throw bad('fault.retryAfter must be a non-negative integer (seconds)');
      }
      return Object.freeze({ kind: 'rate-limit', retryAfter, ...optionalBody() });
    }
    case 'delay': {
      const ms = f.ms;
      if (typeof ms !== 'number' || !Number.isInteger(ms) || ms < 0 || ms > MAX_DELAY_MS) {
        throw bad(`fault.ms must be an integer from 0 to ${MAX_DELAY_MS}`);
      }
      return Object.freeze({ kind: 'delay', ms });
    }
    case 'malformed-json':
      return Object.freeze({ kind: 'malformed-json' });
    case 'reset':
      return Object.freeze({ kind: 'reset' });
    default:
      throw bad("fault.kind must be 'status', 'rate-limit', 'delay', 'malformed-json' or 'reset'");
  }
}

/** Checks a fault count: a positive integer, default 1. */
export function parseFaultCount(raw: unknown): number {
  if (raw === undefined) return 1;
  if (typeof raw === 'number' && Number.isInteger(raw) && raw > 0 && raw <= 1_000_000) return raw;
  throw bad('count must be an integer from 1 to 1000000');
}

/**
 * Creates the fault registry: one FIFO queue per endpoint, each entry a fault and how many
 * requests it still applies to.
 *
 * @example
 * const faults = createFaultRegistry();
 * faults.inject('token', { kind: 'rate-limit', retryAfter: 3 }, 2);
 * faults.pending(); // 2
 */
export function createFaultRegistry(): FaultRegistry {
  const queues = new Map<FaultEndpoint, Array<{ fault: Fault; remaining: number }>>();
  return {
    inject(endpoint, fault, count) {
      const checkedEndpoint = parseFaultEndpoint(endpoint);
      const entry = { fault: parseFault(fault), remaining: parseFaultCount(count) };
      const queue = queues.get(checkedEndpoint) ?? [];
      queue.push(entry);
      queues.set(checkedEndpoint, queue);
    },
    clear() {
      queues.clear();
    },
    pending() {
      let total = 0;
      for (const queue of queues.values()) for (const e of queue) total += e.remaining;
      return total;
    },
    take(endpoint) {
      const queue = queues.get(endpoint);
      const head = queue?.[0];
      if (!queue || !head) return undefined;
      head.remaining -= 1;
      if (head.remaining <= 0) queue.shift();
      return head.fault;
    },
  };
}
