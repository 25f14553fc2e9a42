/**
 * Options of the mock, their defaults and the demo data that makes zero configuration work.
 * Options are validated once, here, and come out frozen; nothing else reads raw options.
 */

/** An application registered with the mock accounts service. */
export interface MockClient {
  /** The client id, as in Spotify's developer dashboard. */
  id: string;
  /** The client secret. Without one the client can only use PKCE (client_id + code_verifier). */
  secret?: string;
  /** The app's name, shown on the consent page. */
  name: string;
  /** Redirect URIs registered for the app; /authorize and /api/token compare them exactly. */
  redirectUris: string[];
  /** When true, secret-based client authentication is refused even if a secret is set. */
  pkceOnly?: boolean;
}

/** A test user who can sign in and approve apps. */
export interface MockUser {
  id: string;
  displayName: string;
  email: string;
  /** ISO 3166-1 alpha-2 country code, as /v1/me returns it. */
  country: string;
  product: 'premium' | 'free';
}

/** When a refresh grant hands out a new refresh token (and revokes the old one). */
export type RotationMode = 'off' | 'always' | 'pkce';

/** Options of {@link startMockAccounts} and {@link buildMockApp}. */
export interface MockAccountsOptions {
  /** Interface to listen on; default '127.0.0.1'. */
  host?: string;
  /** Port to listen on; default 0 (a free port). */
  port?: number;
  /** Registered apps; default `[DEMO_CLIENT]`. */
  clients?: MockClient[];
  /** Test users; default `DEMO_USERS`. */
  users?: MockUser[];
  /** Skip the consent page: /authorize redirects with a code for the first user at once. */
  autoApprove?: boolean;
  /** Refresh-token rotation; default 'pkce' (as Spotify: PKCE grants rotate). */
  rotation?: RotationMode;
  /** Lifetime of authorization codes; default 600 (Spotify: about 10 minutes, verify). */
  codeTtlSeconds?: number;
  /** Lifetime of access tokens; default 3600. */
  accessTokenTtlSeconds?: number;
  /** Lifetime of refresh tokens counted from the user's authorization; default 6 months. */
  refreshTokenLifetimeSeconds?: number;
  /** Start of the mock clock in ms since the epoch; default `Date.now()`. */
  startTime?: number;
  /** When true the mock clock only moves through `clock.advance`/`clock.set`; default false. */
  freezeClock?: boolean;
  /** Cap of every store (codes, access tokens, refresh tokens, consents); default 100 000. */
  maxStoreEntries?: number;
  /** Cap of the request journal (oldest entries dropped first); default 10 000. */
  maxJournalEntries?: number;
  /** Fastify's logger (request paths, never query strings or bodies); default false. */
  logger?: boolean;
  /** Where log lines go when `logger` is true; default stdout. */
  logStream?: { write(line: string): unknown };
  /**
   * Source of the bytes behind codes, tokens and consent ids; default the OS's CSPRNG. A seeded
   * source makes a run replayable (the conformance suite's `--seed`).
   */
  randomBytes?: (size: number) => Uint8Array;
}

/** The built-in demo app, so the mock works with zero configuration. */
export const DEMO_CLIENT: MockClient = Object.freeze({
  id: 'tokenswap-demo-client',
  secret: 'tokenswap-demo-secret',
  name: 'tokenswap demo',
  redirectUris: Object.freeze([
    'http://127.0.0.1:8888/callback',
    'tokenswap-demo://callback',
  ]) as string[],
}) as MockClient;

/** Two built-in test users: a premium and a free account. */
export const DEMO_USERS: MockUser[] = Object.freeze([
  Object.freeze({
    id: 'demo-alice',
    displayName: 'Alice Demo',
    email: 'alice@example.com',
    country: 'SE',
    product: 'premium',
  }),
  Object.freeze({
    id: 'demo-bob',
    displayName: 'Bob Demo',
    email: 'bob@example.com',
    country: 'US',
    product: 'free',
  }),
]) as MockUser[];

/** Six months (of 30 days), the refresh-token lifetime Spotify introduced in 2026. */
export const SIX_MONTHS_SECONDS = 15_552_000;

/** Options after validation, with every default filled in. Frozen. */
export interface MockConfig {
  readonly host: string;
  readonly port: number;
  readonly clients: readonly Readonly<MockClient>[];
  readonly users: readonly Readonly<MockUser>[];
  readonly autoApprove: boolean;
  readonly rotation: RotationMode;
  readonly codeTtlSeconds: number;
  readonly accessTokenTtlSeconds: number;
  readonly refreshTokenLifetimeSeconds: number;
  readonly startTime: number | undefined;
  readonly freezeClock: boolean;
  readonly maxStoreEntries: number;
  readonly maxJournalEntries: number;
  readonly logger: boolean;
  readonly logStream: { write(line: string): unknown } | undefined;
  readonly randomBytes: ((size: number) => Uint8Array) | undefined;
}
