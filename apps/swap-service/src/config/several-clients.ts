import { oneAppVariablesAlongside } from '@tokenswap/handler/env';
import { type AppConfig, parseAppsConfig } from './apps-config.js';

/** Several apps from `TOKENSWAP_APPS_FILE`/`TOKENSWAP_APPS`, checked against the plain variables. */
export interface SeveralApps {
  /** One of the apps variables is set (even if what it holds is invalid). */
  configured: boolean;
  apps: readonly AppConfig[] | undefined;
  /** The environment reference mode is read from: `TOKEN_MODE` made `reference` if any app is. */
  referenceEnv: Record<string, string> | undefined;
  problems: string[];
}

export function parseSeveralApps(env: Record<string, string>): SeveralApps {
  const defaultMode = env.TOKEN_MODE === 'reference' ? 'reference' : 'sealed';
  const parsed = parseAppsConfig(env, defaultMode);
  if (parsed.source === undefined) {
    return { configured: false, apps: undefined, referenceEnv: undefined, problems: [] };
  }
  const problems = [...parsed.problems, ...oneAppVariablesAlongside(env, parsed.source)];
  if (env.TOKEN_MODE !== undefined && env.TOKEN_MODE !== defaultMode) {
    problems.push('TOKEN_MODE: must be sealed or reference');
  }
  const anyReference = parsed.apps?.some((app) => app.mode === 'reference') ?? false;
  return {
    configured: true,
    apps: parsed.apps,
    // Unreadable apps: which modes they want is unknown, so the store is not judged yet.
    referenceEnv:
      parsed.apps === undefined
        ? { TOKEN_MODE: 'sealed' }
        : { ...env, TOKEN_MODE: anyReference ? 'reference' : 'sealed' },
    problems,
  };
}
