import * as v from 'valibot';
import type { MockAccountsOptions, MockConfig } from './config.js';
import { mockOptionsSchema } from './config-schema.js';

/** Thrown by {@link resolveConfig} with one line per bad option, each naming its dotted path. */
export class MockConfigError extends Error {
  override readonly name = 'MockConfigError';
  readonly code = 'invalid_config' as const;
  constructor(readonly problems: readonly string[]) {
    super(`Invalid mock-accounts options:\n  - ${problems.join('\n  - ')}`);
  }
}

/**
 * Validates options once at start-up (on {@link mockOptionsSchema}) and fills in defaults.
 *
 * @throws {MockConfigError} listing every bad value by its dotted path.
 * @example
 * const config = resolveConfig({ rotation: 'always' });
 * config.clients[0]?.id; // 'tokenswap-demo-client'
 */
export function resolveConfig(options: MockAccountsOptions = {}): MockConfig {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new MockConfigError(['options: must be an object']);
  }
  const parsed = v.safeParse(mockOptionsSchema, options);
  if (!parsed.success) throw new MockConfigError(problemsOf(parsed.issues));
  const { clients, users, startTime, logStream, randomBytes, ...rest } = parsed.output;
  return Object.freeze({
    ...rest,
    clients: Object.freeze(
      clients.map((client) =>
        Object.freeze({
          ...client,
          redirectUris: Object.freeze([...client.redirectUris]) as string[],
        }),
      ),
    ),
    users: Object.freeze(users.map((user) => Object.freeze({ ...user }))),
    startTime,
    logStream,
    randomBytes,
  });
}

/**
 * `<dotted path>: <message>` per bad value. An unknown option comes first, as it most often
 * explains the rest (a misspelt name leaves its intended option at the default).
 */
function problemsOf(issues: readonly v.BaseIssue<unknown>[]): string[] {
  const lines = issues.map((issue) => ({
    unknown: issue.type === 'strict_object',
    line: `${v.getDotPath(issue) ?? 'options'}: ${issue.message}`,
  }));
  const ordered = [...lines.filter((l) => l.unknown), ...lines.filter((l) => !l.unknown)];
  // Two checks of one value (0.5 is neither an integer nor ≥ 1) say the same line once.
  return [...new Set(ordered.map((l) => l.line))];
}
