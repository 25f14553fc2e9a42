import { readFileSync } from 'node:fs';
import { CLIENTS_JSON_NAMES, parseAppsJson, pickNewOrDeprecated } from '@tokenswap/handler/env';
import type { TokenMode } from './reference-config.js';

/** One Spotify client the service serves. See the README's "Several apps" section. */
export interface ClientConfig {
  readonly clientId: string;
  /** Never logged (`config.clients` is redacted). */
  readonly clientSecret: string;
  /** Redirect URIs a request may name; the first is sent when a swap names none. */
  readonly redirectUris: readonly string[];
  /** Refresh tokens sealed in the app, or kept in the shared `TOKEN_STORE` behind handles. */
  readonly mode: TokenMode;
  /** `/swap` requires a `code_verifier` (the app must use PKCE). */
  readonly pkceOnly: boolean;
}

/**
 * The variables that name several clients, new names first; `TOKENSWAP_APPS_FILE` and
 * `TOKENSWAP_APPS` are the deprecated names, still read. Mutually exclusive with each other and
 * with the one-client variables.
 */
export const CLIENTS_ENV_NAMES = [
  'TOKENSWAP_CLIENTS_FILE',
  'TOKENSWAP_CLIENTS',
  'TOKENSWAP_APPS_FILE',
  'TOKENSWAP_APPS',
] as const;

/** One of {@link CLIENTS_ENV_NAMES}. */
export type ClientsEnvName = (typeof CLIENTS_ENV_NAMES)[number];

/** Outcome of {@link parseClientsConfig}: `clients` is undefined when no variable is set. */
export interface ParsedClientsConfig {
  readonly clients: readonly ClientConfig[] | undefined;
  /** The variable the clients came from, for messages. */
  readonly source: ClientsEnvName | undefined;
  /** `NAME: why` messages; empty when valid. */
  readonly problems: readonly string[];
}

/**
 * Reads several clients from `TOKENSWAP_CLIENTS_FILE` (a JSON file) or `TOKENSWAP_CLIENTS` (the
 * same JSON inline) — or their deprecated names `TOKENSWAP_APPS_FILE`, `TOKENSWAP_APPS` — with
 * the JSON reader the fetch handler uses too (`parseAppsJson`). Reads the file synchronously: it
 * runs once at start-up. Clients without `mode` take `defaultMode` (`TOKEN_MODE`).
 *
 * @example
 * ```ts
 * const parsed = parseClientsConfig({ TOKENSWAP_CLIENTS: '{"apps":[…]}' }, 'sealed');
 * if (parsed.problems.length > 0) throw new Error(parsed.problems.join('\n'));
 * ```
 */
export function parseClientsConfig(
  env: Readonly<Record<string, string | undefined>>,
  defaultMode: TokenMode,
): ParsedClientsConfig {
  const fileName = pickNewOrDeprecated(env, ['TOKENSWAP_CLIENTS_FILE', 'TOKENSWAP_APPS_FILE']);
  const inlineName = pickNewOrDeprecated(env, CLIENTS_JSON_NAMES);
  const renamed = [fileName.problem, inlineName.problem].filter((p) => p !== undefined);
  if (fileName.name === undefined && inlineName.name === undefined) {
    return { clients: undefined, source: undefined, problems: [] };
  }
  if (fileName.name !== undefined && inlineName.name !== undefined) {
    return {
      clients: undefined,
      source: fileName.name,
      problems: [...renamed, `${fileName.name} and ${inlineName.name}: set only one`],
    };
  }
  if (renamed.length > 0) {
    return { clients: undefined, source: fileName.name ?? inlineName.name, problems: renamed };
  }
  const source = (fileName.name ?? inlineName.name) as ClientsEnvName;
  let text = env[source] as string;
  if (fileName.name !== undefined) {
    try {
      text = readFileSync(text, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      const file = env[source] as string;
      return { clients: undefined, source, problems: [`${source}: cannot read ${file} (${code})`] };
    }
  }
  const parsed = parseAppsJson(text, source, env);
  if (parsed.apps === undefined) return { clients: undefined, source, problems: parsed.problems };
  const clients = parsed.apps.map((client) => ({ ...client, mode: client.mode ?? defaultMode }));
  return { clients, source, problems: [] };
}
