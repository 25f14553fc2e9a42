import { DEMO_CLIENT } from '@tokenswap/mock-accounts';
import { CASES } from './cases/index.js';
import type { ExpectedFailures } from './expectations.js';
import { UPSTREAM_REACH_CASE_ID } from './impersonate/upstream-reach-verdict.js';
import { MAX_SEED, newSeed } from './internal/random.js';
import type { ProgressEvent } from './progress.js';
import { matchesPattern, unknownPatterns } from './select.js';

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
  const problems = validate(resolved);
  if (problems.length > 0) throw new ConformanceOptionsError(problems);
  return resolved;
}

function validate(o: ResolvedOptions): string[] {
  const problems: string[] = [];
  for (const [name, url] of [
    ['swap-url', o.swapUrl],
    ['refresh-url', o.refreshUrl],
    ['second-refresh-url', o.secondRefreshUrl],
    ['second-swap-url', o.secondSwapUrl],
    ['revoke-url', o.revokeUrl],
  ] as const) {
    if (url === undefined) continue;
    if (!url) problems.push(`--${name} is required`);
    else if (!isHttpUrl(url.replaceAll('{port}', '1')))
      problems.push(`--${name} is not an http(s) URL: ${url}`);
  }
  if (!o.clientId) problems.push('--client-id must not be empty');
  if (!o.redirectUri) problems.push('--redirect-uri must not be empty');
  if (o.mockPort !== undefined && !isPort(o.mockPort))
    problems.push('--mock-port must be 1..65535');
  for (const [name, value] of [
    ['timeout-bound', o.timeoutBoundMs],
    ['slow-delay', o.slowDelayMs],
    ['startup-timeout', o.startupTimeoutMs],
  ] as const) {
    if (!Number.isFinite(value) || value <= 0)
      problems.push(`--${name} must be a positive number of seconds`);
  }
  if (o.slowDelayMs <= o.timeoutBoundMs) {
    problems.push(
      '--slow-delay must be longer than --timeout-bound (the slow fault must outlast the bound)',
    );
  }
  if (!Number.isInteger(o.load) || o.load < 1 || o.load > 1000)
    problems.push('--load must be an integer 1..1000');
  if (!['must', 'should', 'may'].includes(o.level))
    problems.push('--level must be must, should or may');
  if (o.spawn && !o.spawn.command.trim()) problems.push('--spawn needs a command');
  for (const [flag, patterns] of [
    ['only', o.only],
    ['skip', o.skip],
  ] as const) {
    // IMP-001 exists only in --impersonate runs, but naming it is never a typo.
    for (const pattern of unknownPatterns(CASES, patterns)) {
      if (!matchesPattern(UPSTREAM_REACH_CASE_ID, pattern))
        problems.push(`--${flag} ${pattern} matches no case`);
    }
  }
  if (!TOKEN_MODES.includes(o.tokenMode))
    problems.push(`--token-mode must be ${TOKEN_MODES.join(', ')}`);
  if (!Number.isInteger(o.seed) || o.seed < 0 || o.seed > MAX_SEED)
    problems.push(`--seed must be a whole number 0..${MAX_SEED}`);
  for (const id of o.expectedFailures?.keys() ?? []) {
    if (id !== UPSTREAM_REACH_CASE_ID && !CASES.some((c) => c.id === id))
      problems.push(`--expect-failures lists ${id}, which is no case`);
  }
  const usesPort = [o.swapUrl, o.refreshUrl, o.revokeUrl].some((u) => u?.includes('{port}'));
  if (usesPort && !o.spawn) problems.push('{port} in a URL only makes sense with --spawn');
  return problems;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function isPort(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= 65535;
}
