import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import type { TokenMode } from '../reference/reference-config.js';

/** One app (a Spotify client) the service serves. See the README's "Several apps" section. */
export interface AppConfig {
  readonly clientId: string;
  /** Never logged (`config.apps` is redacted). */
  readonly clientSecret: string;
  /** Redirect URIs a request may name; the first is sent when a swap names none. */
  readonly redirectUris: readonly string[];
  /** Refresh tokens sealed in the app, or kept in the shared `TOKEN_STORE` behind handles. */
  readonly mode: TokenMode;
  /** `/swap` requires a `code_verifier` (the app must use PKCE). */
  readonly pkceOnly: boolean;
}

/** The variables that name several apps; mutually exclusive with each other and the plain ones. */
export const APPS_ENV_NAMES = ['TOKENSWAP_APPS_FILE', 'TOKENSWAP_APPS'] as const;

/** Outcome of {@link parseAppsConfig}: `apps` is undefined when neither variable is set. */
export interface ParsedAppsConfig {
  readonly apps: readonly AppConfig[] | undefined;
  /** The variable the apps came from, for messages. */
  readonly source: (typeof APPS_ENV_NAMES)[number] | undefined;
  /** `NAME: why` messages; empty when valid. */
  readonly problems: readonly string[];
}

const nonEmpty = (what: string) =>
  v.pipe(v.string(`must be ${what}`), v.trim(), v.nonEmpty(`must be ${what}`));

const appSchema = v.pipe(
  v.strictObject(
    {
      clientId: nonEmpty('a non-empty string'),
      clientSecret: v.optional(nonEmpty('a non-empty string')),
      clientSecretEnv: v.optional(
        v.pipe(
          v.string('must be the name of an environment variable'),
          v.regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be the name of an environment variable'),
        ),
      ),
      redirectUris: v.pipe(
        v.array(
          v.pipe(
            v.string('must be an absolute URI'),
            v.check((value) => URL.canParse(value), 'must be an absolute URI'),
          ),
          'must be a list of absolute URIs',
        ),
        v.minLength(1, 'must name at least one redirect URI'),
      ),
      mode: v.optional(v.picklist(['sealed', 'reference'], 'must be sealed or reference')),
      pkceOnly: v.optional(v.boolean('must be true or false'), false),
    },
    (issue) => objectMessage(issue, 'must be an object'),
  ),
  v.check(
    (app) => (app.clientSecret === undefined) !== (app.clientSecretEnv === undefined),
    'must have exactly one of clientSecret and clientSecretEnv',
  ),
);

const appsFileSchema = v.strictObject(
  {
    apps: v.pipe(
      v.array(appSchema, 'must be a list of apps'),
      v.minLength(1, 'must name at least one app'),
    ),
  },
  (issue) => objectMessage(issue, 'must be an object with an "apps" list'),
);

/**
 * Reads several apps from `TOKENSWAP_APPS_FILE` (a JSON file) or `TOKENSWAP_APPS` (the same
 * JSON inline). Every problem is named by its dotted path (`apps[1].redirectUris[0]: must be an
 * absolute URI`). A secret may come from another variable (`clientSecretEnv`) so the file holds
 * none. Reads the file synchronously: it runs once at start-up. Apps without `mode` take
 * `defaultMode` (`TOKEN_MODE`).
 *
 * @example
 * ```ts
 * const parsed = parseAppsConfig({ TOKENSWAP_APPS: '{"apps":[…]}' }, 'sealed');
 * if (parsed.problems.length > 0) throw new Error(parsed.problems.join('\n'));
 * ```
 */
export function parseAppsConfig(
  env: Readonly<Record<string, string | undefined>>,
  defaultMode: TokenMode,
): ParsedAppsConfig {
  const file = env.TOKENSWAP_APPS_FILE;
  const inline = env.TOKENSWAP_APPS;
  if (file === undefined && inline === undefined) {
    return { apps: undefined, source: undefined, problems: [] };
  }
  if (file !== undefined && inline !== undefined) {
    return {
      apps: undefined,
      source: 'TOKENSWAP_APPS_FILE',
      problems: ['TOKENSWAP_APPS_FILE and TOKENSWAP_APPS: set only one'],
    };
  }
  const source = file === undefined ? 'TOKENSWAP_APPS' : 'TOKENSWAP_APPS_FILE';
  const fail = (problem: string): ParsedAppsConfig => ({
    apps: undefined,
    source,
    problems: [`${source}: ${problem}`],
  });
  let text = inline;
  if (file !== undefined) {
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      return fail(`cannot read ${file} (${code})`);
    }
  }
  let json: unknown;
  try {
    json = JSON.parse(text ?? '');
  } catch (error) {
    return fail(`is not valid JSON${jsonErrorPlace(error, text ?? '')}`);
  }
  const parsed = v.safeParse(appsFileSchema, json);
  if (!parsed.success) {
    return {
      apps: undefined,
      source,
      problems: parsed.issues.map((issue) => `${source}: ${issuePath(issue)}: ${issue.message}`),
    };
  }
  const problems: string[] = [];
  const seen = new Set<string>();
  const apps = parsed.output.apps.map((app, index): AppConfig => {
    if (seen.has(app.clientId)) {
      problems.push(`${source}: apps[${index}].clientId: ${app.clientId} is listed twice`);
    }
    seen.add(app.clientId);
    let secret = app.clientSecret;
    if (app.clientSecretEnv !== undefined) {
      secret = env[app.clientSecretEnv];
      if (secret === undefined) {
        problems.push(
          `${source}: apps[${index}].clientSecretEnv: ${printableEnvName(app.clientSecretEnv)} is not set`,
        );
      }
    }
    return {
      clientId: app.clientId,
      clientSecret: secret ?? '',
      redirectUris: app.redirectUris,
      mode: app.mode ?? defaultMode,
      pkceOnly: app.pkceOnly,
    };
  });
  return problems.length > 0 ? { apps: undefined, source, problems } : { apps, source, problems };
}

/** valibot reports a missing or unknown key of a strict object with the object's message. */
function objectMessage(issue: v.BaseIssue<unknown>, notAnObject: string): string {
  if (issue.expected === 'never') return 'is not a known field';
  if (issue.received === 'undefined') return 'is required';
  return notAnObject;
}

/**
 * Where `JSON.parse` stopped, as line and column. Its message is not passed on: V8 quotes the
 * text around the error (`Unexpected token 'a', ..."ntSecret":a1b2c3d4e5"...`), which for an
 * unquoted secret is the secret.
 */
function jsonErrorPlace(error: unknown, text: string): string {
  const position = /at position (\d+)/.exec((error as Error).message ?? '');
  if (position === null) return ' (an unexpected character, e.g. a value without quotes)';
  const before = text.slice(0, Number(position[1])).split('\n');
  return ` (at line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1})`;
}

/**
 * An environment variable's name as given, if it looks like one (`APP_B_SECRET`); otherwise
 * "the variable it names": a secret pasted where the name belongs must not be printed.
 */
function printableEnvName(name: string): string {
  const conventional = /^[A-Z][A-Z0-9_]*$/.test(name) && !/^[0-9A-F]{16,}$/.test(name);
  return conventional ? name : 'the variable it names';
}

/** A field name as the file has it, unless it could be a value pasted in the wrong place. */
const PRINTABLE_KEY = /^[A-Za-z][A-Za-z_]{0,39}$/;

/** `apps[1].redirectUris[0]` rather than valibot's `apps.1.redirectUris.0`; `(root)` for none. */
function issuePath(issue: v.BaseIssue<unknown>): string {
  let path = '';
  for (const item of issue.path ?? []) {
    const raw = (item as { key: unknown }).key;
    // Unknown keys are printed only when they look like field names (a hex secret has digits).
    const key = typeof raw === 'string' && !PRINTABLE_KEY.test(raw) ? '<a key>' : raw;
    path += typeof key === 'number' ? `[${key}]` : `${path === '' ? '' : '.'}${String(key)}`;
  }
  return path === '' ? '(root)' : path;
}
