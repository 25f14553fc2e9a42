import { parseArgs } from 'node:util';
import { DEMO_CLIENT } from '@tokenswap/mock-accounts';
import { CASES } from './cases/index.js';
import type { ProgressEvent } from './progress.js';
import { unknownPatterns } from './select.js';

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
  /** Called as the run progresses (the CLI prints these to stderr). */
  onProgress?: (event: ProgressEvent) => void;
}

/** Options with every default filled in, validated. */
export interface ResolvedOptions
  extends Required<
    Omit<ConformanceOptions, 'spawn' | 'secondRefreshUrl' | 'secondSwapUrl' | 'mockPort' | 'onProgress'>
  > {
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

/** Fills defaults and validates once, before anything starts. Throws `ConformanceOptionsError`. */
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
  ] as const) {
    if (url === undefined) continue;
    if (!url) problems.push(`--${name} is required`);
    else if (!isHttpUrl(url.replaceAll('{port}', '1'))) problems.push(`--${name} is not an http(s) URL: ${url}`);
  }
  if (!o.clientId) problems.push('--client-id must not be empty');
  if (!o.redirectUri) problems.push('--redirect-uri must not be empty');
  if (o.mockPort !== undefined && !isPort(o.mockPort)) problems.push('--mock-port must be 1..65535');
  for (const [name, value] of [
    ['timeout-bound', o.timeoutBoundMs],
    ['slow-delay', o.slowDelayMs],
    ['startup-timeout', o.startupTimeoutMs],
  ] as const) {
    if (!Number.isFinite(value) || value <= 0) problems.push(`--${name} must be a positive number of seconds`);
  }
  if (o.slowDelayMs <= o.timeoutBoundMs) {
    problems.push('--slow-delay must be longer than --timeout-bound (the slow fault must outlast the bound)');
  }
  if (!Number.isInteger(o.load) || o.load < 1 || o.load > 1000) problems.push('--load must be an integer 1..1000');
  if (!['must', 'should', 'may'].includes(o.level)) problems.push('--level must be must, should or may');
  if (o.spawn && !o.spawn.command.trim()) problems.push('--spawn needs a command');
  for (const [flag, patterns] of [['only', o.only], ['skip', o.skip]] as const) {
    for (const pattern of unknownPatterns(CASES, patterns)) problems.push(`--${flag} ${pattern} matches no case`);
  }
  const usesPort = [o.swapUrl, o.refreshUrl].some((u) => u?.includes('{port}'));
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

/** A `--reporter` value: `pretty`, `json`, `junit`, optionally `=path` (default: stdout). */
export interface ReporterSpec {
  kind: 'pretty' | 'json' | 'junit';
  path?: string;
}

/** What the command line asked for. */
export type CliCommand =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'list'; options: Pick<ConformanceOptions, 'only' | 'skip' | 'level'> }
  | { kind: 'run'; options: ConformanceOptions; reporters: ReporterSpec[]; quiet: boolean };

/** Outcome of `parseCliArgs`: a command, or every problem found (usage error, exit 2). */
export type CliParse = { ok: true; command: CliCommand } | { ok: false; problems: string[] };

const FLAGS = {
  'swap-url': { type: 'string' },
  'refresh-url': { type: 'string' },
  'client-id': { type: 'string' },
  'client-secret': { type: 'string' },
  'redirect-uri': { type: 'string' },
  'mock-port': { type: 'string' },
  spawn: { type: 'string' },
  env: { type: 'string', multiple: true },
  'second-env': { type: 'string', multiple: true },
  cwd: { type: 'string' },
  'second-refresh-url': { type: 'string' },
  'second-swap-url': { type: 'string' },
  'timeout-bound': { type: 'string' },
  'slow-delay': { type: 'string' },
  'startup-timeout': { type: 'string' },
  load: { type: 'string' },
  only: { type: 'string', multiple: true },
  skip: { type: 'string', multiple: true },
  level: { type: 'string' },
  reporter: { type: 'string', multiple: true },
  quiet: { type: 'boolean' },
  list: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

/** Parses and validates the CLI's flags (see README for each). Never throws. */
export function parseCliArgs(argv: readonly string[]): CliParse {
  let values: ReturnType<typeof parseArgs<{ options: typeof FLAGS; strict: true }>>['values'];
  try {
    ({ values } = parseArgs({ args: [...argv], options: FLAGS, strict: true, allowPositionals: false }));
  } catch (error) {
    return { ok: false, problems: [(error as Error).message] };
  }
  if (values.help) return { ok: true, command: { kind: 'help' } };
  if (values.version) return { ok: true, command: { kind: 'version' } };
  const problems: string[] = [];
  const list = (flag: string[] | undefined) =>
    (flag ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  const level = values.level?.toLowerCase();
  if (level !== undefined && level !== 'must' && level !== 'should' && level !== 'may') {
    problems.push('--level must be must, should or may');
  }
  const filters = { only: list(values.only), skip: list(values.skip), level: level as ConformanceOptions['level'] };
  if (values.list) return problems.length ? { ok: false, problems } : { ok: true, command: { kind: 'list', options: filters } };

  const seconds = (name: string, raw: string | undefined): number | undefined => {
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(n) || n <= 0) {
      problems.push(`--${name} must be a positive number of seconds, got "${raw}"`);
      return undefined;
    }
    return Math.round(n * 1000);
  };
  const integer = (name: string, raw: string | undefined): number | undefined => {
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!/^\d+$/.test(raw.trim())) problems.push(`--${name} must be a whole number, got "${raw}"`);
    return n;
  };
  const env = parseEnvPairs('env', values.env, problems);
  const secondEnv = parseEnvPairs('second-env', values['second-env'], problems);
  if (!values['swap-url']) problems.push('--swap-url is required');
  if (!values['refresh-url']) problems.push('--refresh-url is required');
  if (!values.spawn && (values.env || values['second-env'] || values.cwd)) {
    problems.push('--env, --second-env and --cwd only apply with --spawn');
  }
  const reporters = parseReporters(values.reporter, problems);

  const options: ConformanceOptions = {
    swapUrl: values['swap-url'] ?? '',
    refreshUrl: values['refresh-url'] ?? '',
    ...defined({
      clientId: values['client-id'],
      clientSecret: values['client-secret'],
      redirectUri: values['redirect-uri'],
      mockPort: integer('mock-port', values['mock-port']),
      secondRefreshUrl: values['second-refresh-url'],
      secondSwapUrl: values['second-swap-url'],
      timeoutBoundMs: seconds('timeout-bound', values['timeout-bound']),
      slowDelayMs: seconds('slow-delay', values['slow-delay']),
      startupTimeoutMs: seconds('startup-timeout', values['startup-timeout']),
      load: integer('load', values.load),
      level: filters.level,
    }),
    only: filters.only,
    skip: filters.skip,
  };
  if (values.spawn !== undefined) {
    options.spawn = { command: values.spawn, env, secondEnv, ...defined({ cwd: values.cwd }) };
  }
  if (problems.length === 0) {
    try {
      resolveOptions(options);
    } catch (error) {
      if (error instanceof ConformanceOptionsError) problems.push(...error.problems);
      else throw error;
    }
  }
  if (problems.length > 0) return { ok: false, problems: [...new Set(problems)] };
  return { ok: true, command: { kind: 'run', options, reporters, quiet: values.quiet ?? false } };
}

function parseEnvPairs(flag: string, pairs: string[] | undefined, problems: string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const pair of pairs ?? []) {
    const eq = pair.indexOf('=');
    const name = eq > 0 ? pair.slice(0, eq) : '';
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      problems.push(`--${flag} expects NAME=VALUE, got "${pair}"`);
      continue;
    }
    env[name] = pair.slice(eq + 1);
  }
  return env;
}

function parseReporters(raw: string[] | undefined, problems: string[]): ReporterSpec[] {
  const specs: ReporterSpec[] = [];
  for (const value of (raw ?? []).flatMap((v) => v.split(','))) {
    const eq = value.indexOf('=');
    const kind = (eq === -1 ? value : value.slice(0, eq)).trim();
    const path = eq === -1 ? undefined : value.slice(eq + 1).trim();
    if (kind !== 'pretty' && kind !== 'json' && kind !== 'junit') {
      problems.push(`--reporter must be pretty, json or junit (optionally =path), got "${value}"`);
      continue;
    }
    if (path === '') problems.push(`--reporter ${kind}= needs a path`);
    specs.push(path ? { kind, path } : { kind });
  }
  const toStdout = specs.filter((s) => s.path === undefined);
  if (toStdout.length > 1) problems.push('only one --reporter may write to stdout; give the others =path');
  return specs.length > 0 ? specs : [{ kind: 'pretty' }];
}

/** Drops undefined values, so optional properties stay absent (exactOptionalPropertyTypes-safe). */
function defined<T extends Record<string, unknown>>(record: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
