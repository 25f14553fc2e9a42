import { readFileSync } from 'node:fs';
import { parseAppsJson } from '@tokenswap/handler/env';
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

/**
 * Reads several apps from `TOKENSWAP_APPS_FILE` (a JSON file) or `TOKENSWAP_APPS` (the same
 * JSON inline), with the JSON reader the fetch handler uses too (`parseAppsJson`). Reads the
 * file synchronously: it runs once at start-up. Apps without `mode` take `defaultMode`
 * (`TOKEN_MODE`).
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
  let text = inline ?? '';
  if (file !== undefined) {
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      return { apps: undefined, source, problems: [`${source}: cannot read ${file} (${code})`] };
    }
  }
  const parsed = parseAppsJson(text, source, env);
  if (parsed.apps === undefined) return { apps: undefined, source, problems: parsed.problems };
  const apps = parsed.apps.map((app) => ({ ...app, mode: app.mode ?? defaultMode }));
  return { apps, source, problems: [] };
}
