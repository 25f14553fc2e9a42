import { DEMO_CLIENT } from '@tokenswap/mock-accounts';
import type { ExpectedFailures } from './expectations.js';
import { newSeed } from './internal/random.js';
import type { ProgressEvent } from './progress.js';
import { validateOptions } from './validate-options.js';

/** How the suite starts the implementation under test itself (`--spawn`). */
export interface SpawnOptions {
  /** Shell command; may hold placeholders (`{port}`, `{accounts_url}`, …, see README). */
  command: string;
  /** Extra environment for the process; values may hold placeholders. */
  env?: Record<string, string>;
  /** Overrides for the second instance only (started for SEC-005). */
  secondEnv?: Record<string, string>;
  cwd?: string;
}

/** Options of `runConformance` (the CLI flags, parsed). Only the two URLs are required. */
export interface ConformanceOptions {
  /** The implementation's token swap URL (`tokenSwapURL`); may hold `{port}`. */
  swapUrl: string;
  /** The implementation's token refresh URL (`tokenRefreshURL`); may hold `{port}`. */
  refreshUrl: string;
  /** The client the implementation is configured with. Default: the mock's demo client. */
  clientId?: string;
  clientSecret?: string;
  redirectUri?: string;
  /** Fixed port for the mock, so a server can be configured before the run. Default: free port. */
  mockPort?: number;
  spawn?: SpawnOptions;
  /** Refresh URL of a second, independently configured deployment (for SEC-005). */
  secondRefreshUrl?: string;
  /** Swap URL of that deployment; lets SEC-005 prove the second deployment works at all. */
  secondSwapUrl?: string;
  /** Longest acceptable answer time when upstream misbehaves, in ms. Default 15000. */
  timeoutBoundMs?: number;
  /** How long the slow-upstream fault stalls, in ms; must exceed the bound. Default 20000. */
  slowDelayMs?: number;
  /** Parallel swaps and refreshes in the LOAD cases. Default 50. */
  load?: number;
  /** How long a spawned server may take to answer its swap URL, in ms. Default 30000. */
  startupTimeoutMs?: number;
  /** Case ids or prefixes to run (`SWAP`, `ERR-003`). Default: all. */
  only?: string[];
  /** Case ids or prefixes to leave out. */
  skip?: string[];
  /** Lowest level to run: `must` runs MUST only, `should` MUST+SHOULD, `may` everything. */
  level?: 'must' | 'should' | 'may';
  /**
   * Serve the mock as `accounts.spotify.com` / `api.spotify.com` behind a CONNECT proxy with a
   * throw-away CA (docs/impersonate.md), for servers that hard-code Spotify's URL. Adds case
   * IMP-001 (MUST) first. Default false.
   */
  impersonate?: boolean;
  /**
   * How the server keeps Spotify's refresh token: `reference` (server-side, behind a handle; the
   * REF cases run), `sealed` (encrypted into the token it hands out) or `auto` (not declared; the
   * REF cases are skipped). Default `auto`.
   */
  tokenMode?: TokenMode;
  /** The server's revoke URL (`POST refresh_token=…`), for REF-002; may hold `{port}`. */
  revokeUrl?: string;
  /** SHOULD failures fail the run too (`--strict`). Default false: only MUST failures do. */
  strict?: boolean;
  /**
   * Known failures of this implementation, case id → reason (`--expect-failures FILE`): the run
   * then fails when a counted case fails that is not listed, or a listed case passes (stale).
   */
  expectedFailures?: ExpectedFailures;
  /**
   * Seed of every random choice (codes, tokens, fuzz bytes, per-instance secrets), 0..2^32-1:
   * the same seed replays the same run. Default: a fresh one, reported as `report.seed`.
   */
  seed?: number;
  /** Called as the run progresses (the CLI prints these to stderr). */
  onProgress?: (event: ProgressEvent) => void;
}

/** What the user declares about where the server keeps Spotify's refresh token. */
export type TokenMode = 'sealed' | 'reference' | 'auto';

/** The values `--token-mode` takes. */
export const TOKEN_MODES: readonly TokenMode[] = ['sealed', 'reference', 'auto'];

/** Options with every default filled in, validated. */
export interface ResolvedOptions
  extends Required<
    Omit<
      ConformanceOptions,
      | 'spawn'
      | 'secondRefreshUrl'
      | 'secondSwapUrl'
      | 'mockPort'
      | 'onProgress'
      | 'revokeUrl'
      | 'expectedFailures'
    >
  > {
  expectedFailures: ExpectedFailures | undefined;
  revokeUrl: string | undefined;
  spawn: SpawnOptions | undefined;
  secondRefreshUrl: string | undefined;
  secondSwapUrl: string | undefined;
  mockPort: number | undefined;
  onProgress: (event: ProgressEvent) => void;
}

/** Thrown by `runConformance` for options that make no sense; the CLI turns it into exit 2. */
export class ConformanceOptionsError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`invalid conformance options:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConformanceOptionsError';
    this.problems = problems;
  }
}

/**
 * Fills defaults and validates once, before anything starts. Throws `ConformanceOptionsError`.
 *
 * @example
 * ```ts
 * const resolved = resolveOptions({ swapUrl: 'http://127.0.0.1:3000/swap', refreshUrl: 'http://127.0.0.1:3000/refresh' });
 * resolved.timeoutBoundMs; // 15000
 * ```
 */
export function resolveOptions(options: ConformanceOptions): ResolvedOptions {
  const resolved: ResolvedOptions = {
    swapUrl: options.swapUrl,
    refreshUrl: options.refreshUrl,
    clientId: options.clientId ?? DEMO_CLIENT.id,
    clientSecret: options.clientSecret ?? DEMO_CLIENT.secret ?? '',
    redirectUri: options.redirectUri ?? DEMO_CLIENT.redirectUris[0] ?? '',
    mockPort: options.mockPort,
    spawn: options.spawn,
    secondRefreshUrl: options.secondRefreshUrl,
    secondSwapUrl: options.secondSwapUrl,
    timeoutBoundMs: options.timeoutBoundMs ?? 15_000,
    slowDelayMs: options.slowDelayMs ?? 20_000,
    load: options.load ?? 50,
    startupTimeoutMs: options.startupTimeoutMs ?? 30_000,
    only: options.only ?? [],
    skip: options.skip ?? [],
    level: options.level ?? 'may',
    impersonate: options.impersonate ?? false,
    tokenMode: options.tokenMode ?? 'auto',
    revokeUrl: options.revokeUrl,
    strict: options.strict ?? false,
    expectedFailures: options.expectedFailures,
    seed: options.seed ?? newSeed(),
    onProgress: options.onProgress ?? (() => {}),
  };
  const problems = validateOptions(resolved);
  if (problems.length > 0) throw new ConformanceOptionsError(problems);
  return resolved;
}
