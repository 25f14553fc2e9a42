import * as v from 'valibot';

/**
 * Several apps as JSON (`TOKENSWAP_APPS`, or the swap service's `TOKENSWAP_APPS_FILE`), read the
 * same way by the service and the fetch handler: `{"apps":[{clientId, clientSecret |
 * clientSecretEnv, redirectUris, mode?, pkceOnly?}]}`. See the service README's "Several apps".
 */

/** One app as the JSON names it, its secret resolved. */
export interface AppEntry {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUris: readonly string[];
  /** As given; the service's default (`TOKEN_MODE`) applies when absent. */
  readonly mode: 'sealed' | 'reference' | undefined;
  readonly pkceOnly: boolean;
}

/** Outcome of {@link parseAppsJson}: the apps, or `NAME: why` problems (never a secret). */
export type AppsJsonResult =
  | { readonly apps: readonly AppEntry[]; readonly problems: readonly [] }
  | { readonly apps: undefined; readonly problems: readonly string[] };

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
 * Reads the apps JSON `text` that came from the variable `source`. Every problem is named by
 * its dotted path (`TOKENSWAP_APPS: apps[1].redirectUris[0]: must be an absolute URI`). A
 * secret may come from another variable of `env` (`clientSecretEnv`) so the JSON holds none.
 *
 * @example
 * ```ts
 * const parsed = parseAppsJson(env.TOKENSWAP_APPS, 'TOKENSWAP_APPS', env);
 * if (parsed.apps === undefined) throw new Error(parsed.problems.join('\n'));
 * ```
 */
export function parseAppsJson(
  text: string,
  source: string,
  env: Readonly<Record<string, string | undefined>>,
): AppsJsonResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return {
      apps: undefined,
      problems: [`${source}: is not valid JSON${jsonErrorPlace(error, text)}`],
    };
  }
  const parsed = v.safeParse(appsFileSchema, json);
  if (!parsed.success) {
    return {
      apps: undefined,
      problems: parsed.issues.map((issue) => `${source}: ${issuePath(issue)}: ${issue.message}`),
    };
  }
  const problems: string[] = [];
  const seen = new Set<string>();
  const apps = parsed.output.apps.map((app, index): AppEntry => {
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
      mode: app.mode,
      pkceOnly: app.pkceOnly,
    };
  });
  return problems.length > 0 ? { apps: undefined, problems } : { apps, problems: [] };
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
