/** The CLI's flags: parsed with node:util parseArgs, validated once, every problem named. */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type ExpectedFailures, parseExpectedFailures } from './expectations.js';
import {
  type ConformanceOptions,
  ConformanceOptionsError,
  resolveOptions,
  TOKEN_MODES,
  type TokenMode,
} from './resolve-options.js';

/** A `--reporter` value: `pretty`, `json`, `junit`, `html`, optionally `=path` (default: stdout). */
export interface ReporterSpec {
  kind: 'pretty' | 'json' | 'junit' | 'html';
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
  impersonate: { type: 'boolean' },
  'token-mode': { type: 'string' },
  'revoke-url': { type: 'string' },
  'timeout-bound': { type: 'string' },
  'slow-delay': { type: 'string' },
  'startup-timeout': { type: 'string' },
  load: { type: 'string' },
  only: { type: 'string', multiple: true },
  skip: { type: 'string', multiple: true },
  level: { type: 'string' },
  strict: { type: 'boolean' },
  'expect-failures': { type: 'string' },
  seed: { type: 'string' },
  reporter: { type: 'string', multiple: true },
  quiet: { type: 'boolean' },
  list: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

/**
 * Parses and validates the CLI's flags (see README for each). Never throws.
 *
 * @example
 * ```ts
 * const parsed = parseCliArgs(['--swap-url', 'http://127.0.0.1:3000/swap', '--refresh-url', 'http://127.0.0.1:3000/refresh']);
 * if (!parsed.ok) console.error(parsed.problems.join('\n')); // exit 2
 * ```
 */
export function parseCliArgs(argv: readonly string[]): CliParse {
  let values: ReturnType<typeof parseArgs<{ options: typeof FLAGS; strict: true }>>['values'];
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: FLAGS,
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { ok: false, problems: [(error as Error).message] };
  }
  if (values.help) return { ok: true, command: { kind: 'help' } };
  if (values.version) return { ok: true, command: { kind: 'version' } };
  const problems: string[] = [];
  const list = (flag: string[] | undefined) =>
    (flag ?? [])
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter(Boolean);
  const level = values.level?.toLowerCase();
  if (level !== undefined && level !== 'must' && level !== 'should' && level !== 'may') {
    problems.push('--level must be must, should or may');
  }
  const filters = {
    only: list(values.only),
    skip: list(values.skip),
    level: level as ConformanceOptions['level'],
  };
  if (values.list)
    return problems.length
      ? { ok: false, problems }
      : { ok: true, command: { kind: 'list', options: filters } };

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
  const expectedFailures = readExpectedFailures(values['expect-failures'], problems);
  const tokenMode = values['token-mode']?.toLowerCase();
  if (tokenMode !== undefined && !TOKEN_MODES.includes(tokenMode as TokenMode)) {
    problems.push(`--token-mode must be ${TOKEN_MODES.join(', ')}, got "${values['token-mode']}"`);
  }

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
      impersonate: values.impersonate,
      tokenMode: tokenMode as TokenMode | undefined,
      revokeUrl: values['revoke-url'],
      strict: values.strict,
      expectedFailures,
      seed: integer('seed', values.seed),
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

function readExpectedFailures(
  path: string | undefined,
  problems: string[],
): ExpectedFailures | undefined {
  if (path === undefined) return undefined;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    problems.push(
      `--expect-failures ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? error})`,
    );
    return undefined;
  }
  const parsed = parseExpectedFailures(text, path);
  problems.push(...parsed.problems);
  return parsed.entries;
}

function parseEnvPairs(
  flag: string,
  pairs: string[] | undefined,
  problems: string[],
): Record<string, string> {
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
    if (kind !== 'pretty' && kind !== 'json' && kind !== 'junit' && kind !== 'html') {
      problems.push(
        `--reporter must be pretty, json, junit or html (optionally =path), got "${value}"`,
      );
      continue;
    }
    if (path === '') problems.push(`--reporter ${kind}= needs a path`);
    specs.push(path ? { kind, path } : { kind });
  }
  const toStdout = specs.filter((s) => s.path === undefined);
  if (toStdout.length > 1)
    problems.push('only one --reporter may write to stdout; give the others =path');
  return specs.length > 0 ? specs : [{ kind: 'pretty' }];
}

/** Drops undefined values, so optional properties stay absent (exactOptionalPropertyTypes-safe). */
function defined<T extends Record<string, unknown>>(
  record: T,
): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
