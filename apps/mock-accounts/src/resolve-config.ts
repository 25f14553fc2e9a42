import {
  DEMO_CLIENT,
  DEMO_USERS,
  type MockAccountsOptions,
  type MockClient,
  type MockConfig,
  type MockUser,
  SIX_MONTHS_SECONDS,
} from './config.js';

/** Thrown by {@link resolveConfig} with one line per bad option, each naming its dotted path. */
export class MockConfigError extends Error {
  override readonly name = 'MockConfigError';
  readonly code = 'invalid_config' as const;
  constructor(readonly problems: readonly string[]) {
    super(`Invalid mock-accounts options:\n  - ${problems.join('\n  - ')}`);
  }
}

type Problems = string[];

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function nonEmptyString(v: unknown, path: string, problems: Problems): v is string {
  if (typeof v === 'string' && v.length > 0 && v.length <= 512) return true;
  problems.push(`${path}: must be a non-empty string of at most 512 characters`);
  return false;
}

function positiveInt(v: unknown, path: string, fallback: number, problems: Problems): number {
  if (v === undefined) return fallback;
  if (typeof v === 'number' && Number.isSafeInteger(v) && v > 0) return v;
  problems.push(`${path}: must be a positive integer`);
  return fallback;
}

function bool(v: unknown, path: string, problems: Problems): boolean {
  if (v === undefined) return false;
  if (typeof v === 'boolean') return v;
  problems.push(`${path}: must be a boolean`);
  return false;
}

function checkClient(raw: unknown, path: string, problems: Problems): MockClient | undefined {
  if (!isRecord(raw)) {
    problems.push(`${path}: must be an object`);
    return undefined;
  }
  const ok =
    nonEmptyString(raw.id, `${path}.id`, problems) &&
    nonEmptyString(raw.name, `${path}.name`, problems) &&
    (raw.secret === undefined || nonEmptyString(raw.secret, `${path}.secret`, problems));
  if (raw.pkceOnly !== undefined && typeof raw.pkceOnly !== 'boolean') {
    problems.push(`${path}.pkceOnly: must be a boolean`);
  }
  const uris = raw.redirectUris;
  if (!Array.isArray(uris) || uris.length === 0) {
    problems.push(`${path}.redirectUris: must be a non-empty array of absolute URIs`);
    return undefined;
  }
  uris.forEach((uri, i) => {
    if (typeof uri !== 'string' || !URL.canParse(uri)) {
      problems.push(`${path}.redirectUris.${i}: must be an absolute URI`);
    }
  });
  if (!ok) return undefined;
  return Object.freeze({
    id: raw.id as string,
    name: raw.name as string,
    ...(raw.secret === undefined ? {} : { secret: raw.secret as string }),
    redirectUris: Object.freeze([...(uris as string[])]) as string[],
    pkceOnly: raw.pkceOnly === true,
  });
}

function checkUser(raw: unknown, path: string, problems: Problems): MockUser | undefined {
  if (!isRecord(raw)) {
    problems.push(`${path}: must be an object`);
    return undefined;
  }
  const ok = [
    nonEmptyString(raw.id, `${path}.id`, problems),
    nonEmptyString(raw.displayName, `${path}.displayName`, problems),
    nonEmptyString(raw.email, `${path}.email`, problems),
  ].every(Boolean);
  if (typeof raw.country !== 'string' || !/^[A-Z]{2}$/.test(raw.country)) {
    problems.push(`${path}.country: must be a two-letter upper-case country code`);
  }
  if (raw.product !== 'premium' && raw.product !== 'free') {
    problems.push(`${path}.product: must be 'premium' or 'free'`);
  }
  if (!ok) return undefined;
  return Object.freeze({ ...(raw as unknown as MockUser) });
}

function checkList<T extends { id: string }>(
  raw: unknown,
  path: string,
  fallback: readonly T[],
  check: (v: unknown, p: string, problems: Problems) => T | undefined,
  problems: Problems,
): readonly T[] {
  if (raw === undefined) return fallback;
  if (!Array.isArray(raw) || raw.length === 0) {
    problems.push(`${path}: must be a non-empty array`);
    return fallback;
  }
  const items = raw.map((v, i) => check(v, `${path}.${i}`, problems));
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (!item) return;
    if (seen.has(item.id)) problems.push(`${path}.${i}.id: duplicate id '${item.id}'`);
    seen.add(item.id);
  });
  return Object.freeze(items.filter((v): v is T => v !== undefined));
}

const KNOWN_KEYS = new Set([
  'host',
  'port',
  'clients',
  'users',
  'autoApprove',
  'rotation',
  'codeTtlSeconds',
  'accessTokenTtlSeconds',
  'refreshTokenLifetimeSeconds',
  'startTime',
  'freezeClock',
  'maxStoreEntries',
  'maxJournalEntries',
  'logger',
  'logStream',
  'randomBytes',
]);

/**
 * Validates options once at start-up and fills in defaults.
 *
 * @throws {MockConfigError} listing every bad value by its dotted path.
 * @example
 * const config = resolveConfig({ rotation: 'always' });
 * config.clients[0]?.id; // 'tokenswap-demo-client'
 */
export function resolveConfig(options: MockAccountsOptions = {}): MockConfig {
  const problems: Problems = [];
  const raw = options as Record<string, unknown>;
  if (!isRecord(raw)) throw new MockConfigError(['options: must be an object']);
  for (const key of Object.keys(raw)) {
    if (!KNOWN_KEYS.has(key)) problems.push(`${key}: unknown option`);
  }
  const host = raw.host === undefined ? '127.0.0.1' : raw.host;
  if (typeof host !== 'string' || host.length === 0)
    problems.push('host: must be a non-empty string');
  const port = raw.port === undefined ? 0 : raw.port;
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 0 || port > 65535) {
    problems.push('port: must be an integer from 0 to 65535');
  }
  const rotation = raw.rotation === undefined ? 'pkce' : raw.rotation;
  if (rotation !== 'off' && rotation !== 'always' && rotation !== 'pkce') {
    problems.push("rotation: must be 'off', 'always' or 'pkce'");
  }
  if (
    raw.startTime !== undefined &&
    (typeof raw.startTime !== 'number' || !Number.isSafeInteger(raw.startTime) || raw.startTime < 0)
  ) {
    problems.push('startTime: must be a non-negative integer (ms since the epoch)');
  }
  const config: MockConfig = {
    host: host as string,
    port: port as number,
    clients: checkList(raw.clients, 'clients', [DEMO_CLIENT], checkClient, problems),
    users: checkList(raw.users, 'users', DEMO_USERS, checkUser, problems),
    autoApprove: bool(raw.autoApprove, 'autoApprove', problems),
    rotation: rotation as MockConfig['rotation'],
    codeTtlSeconds: positiveInt(raw.codeTtlSeconds, 'codeTtlSeconds', 600, problems),
    accessTokenTtlSeconds: positiveInt(
      raw.accessTokenTtlSeconds,
      'accessTokenTtlSeconds',
      3600,
      problems,
    ),
    refreshTokenLifetimeSeconds: positiveInt(
      raw.refreshTokenLifetimeSeconds,
      'refreshTokenLifetimeSeconds',
      SIX_MONTHS_SECONDS,
      problems,
    ),
    startTime: raw.startTime as number | undefined,
    freezeClock: bool(raw.freezeClock, 'freezeClock', problems),
    maxStoreEntries: positiveInt(raw.maxStoreEntries, 'maxStoreEntries', 100_000, problems),
    maxJournalEntries: positiveInt(raw.maxJournalEntries, 'maxJournalEntries', 10_000, problems),
    logger: bool(raw.logger, 'logger', problems),
    logStream: raw.logStream as MockConfig['logStream'],
    randomBytes: raw.randomBytes as MockConfig['randomBytes'],
  };
  if (raw.randomBytes !== undefined && typeof raw.randomBytes !== 'function') {
    problems.push('randomBytes: must be a function (size) => bytes');
  }
  const stream = raw.logStream as { write?: unknown } | undefined;
  if (stream !== undefined && (typeof stream !== 'object' || typeof stream?.write !== 'function')) {
    problems.push('logStream: must have a write(line) method');
  }
  if (problems.length > 0) throw new MockConfigError(problems);
  return Object.freeze(config);
}
