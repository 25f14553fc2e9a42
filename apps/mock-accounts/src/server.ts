import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildMockApp } from './app.js';
import type { MockClock } from './clock.js';
import type { MockAccountsOptions, MockConfig } from './config.js';
import type { MockFaults } from './faults.js';
import type { MockJournal } from './journal.js';
import type { MintCodeParams, MockState, MockStats } from './state/mock-state.js';

/** A running mock accounts service; see {@link startMockAccounts}. */
export interface MockAccounts {
  /** Origin of /authorize, /api/token, /v1/me and /__mock/, e.g. 'http://127.0.0.1:40123'. */
  readonly url: string;
  /** The validated configuration (clients, users, rotation, lifetimes …). */
  readonly config: MockConfig;
  /** Mints an authorization code without the browser; throws `MockAccountsError` on bad input. */
  mintCode(p?: MintCodeParams): string;
  readonly clock: MockClock;
  readonly faults: MockFaults;
  readonly journal: MockJournal;
  /** Revokes a refresh token; false if the mock does not know it. */
  revokeRefreshToken(token: string): boolean;
  /** True if the mock issued this refresh token (any state: valid, revoked, expired). */
  isIssuedRefreshToken(token: string): boolean;
  /** True while the code is known, not yet exchanged and not expired. */
  isUnusedCode(code: string): boolean;
  stats(): MockStats;
  /** Forgets every code, token, consent, fault and journal entry; restarts the clock. */
  reset(): void;
  /** Stops listening; pending delay faults are cut short. */
  close(): Promise<void>;
  /** The underlying Fastify instance, for advanced use. */
  readonly app: FastifyInstance;
}

function originOf(address: AddressInfo): string {
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

/** Wraps the state's operations as the public {@link MockAccounts} surface. */
function surfaceOf(state: MockState, app: FastifyInstance, url: string): MockAccounts {
  const { clock, faults, journal } = state;
  return {
    url,
    config: state.config,
    app,
    mintCode: (p) => state.mintCode(p),
    clock: {
      now: () => clock.now(),
      advance: (seconds) => clock.advance(seconds),
      set: (ms) => clock.set(ms),
    },
    faults: {
      inject: (endpoint, fault, count) => faults.inject(endpoint, fault, count),
      clear: () => faults.clear(),
      pending: () => faults.pending(),
    },
    journal: { entries: () => journal.entries(), clear: () => journal.clear() },
    revokeRefreshToken: (token) => state.revokeRefreshToken(token),
    isIssuedRefreshToken: (token) => state.isIssuedRefreshToken(token),
    isUnusedCode: (code) => state.isUnusedCode(code),
    stats: () => state.stats(),
    reset: () => state.reset(),
    close: () => app.close(),
  };
}

/**
 * Starts the mock accounts service on a real port (default 127.0.0.1, a free port).
 *
 * @throws {MockConfigError} for invalid options, before anything listens.
 * @example
 * const mock = await startMockAccounts();
 * const code = mock.mintCode({ scopes: ['user-read-email'] });
 * // POST `${mock.url}/api/token` with grant_type=authorization_code&code=…
 * await mock.close();
 */
export async function startMockAccounts(options: MockAccountsOptions = {}): Promise<MockAccounts> {
  const { app, state } = buildMockApp(options);
  try {
    await app.listen({ host: state.config.host, port: state.config.port });
  } catch (error) {
    await app.close();
    throw error;
  }
  const address = app.server.address() as AddressInfo;
  return surfaceOf(state, app, originOf(address));
}
