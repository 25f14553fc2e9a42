import { oneAppVariablesAlongside } from '@tokenswap/handler/env';
import { type ClientConfig, parseClientsConfig } from './clients-config.js';

/** Several clients from `TOKENSWAP_CLIENTS_FILE`/`TOKENSWAP_CLIENTS`, checked against the plain variables. */
export interface SeveralClients {
  /** One of the clients variables is set (even if what it holds is invalid). */
  configured: boolean;
  clients: readonly ClientConfig[] | undefined;
  /** The environment reference mode is read from: `TOKEN_MODE` made `reference` if any client is. */
  referenceEnv: Record<string, string> | undefined;
  problems: string[];
}

export function parseSeveralClients(env: Record<string, string>): SeveralClients {
  const defaultMode = env.TOKEN_MODE === 'reference' ? 'reference' : 'sealed';
  const parsed = parseClientsConfig(env, defaultMode);
  if (parsed.source === undefined) {
    return { configured: false, clients: undefined, referenceEnv: undefined, problems: [] };
  }
  const problems = [...parsed.problems, ...oneAppVariablesAlongside(env, parsed.source)];
  if (env.TOKEN_MODE !== undefined && env.TOKEN_MODE !== defaultMode) {
    problems.push('TOKEN_MODE: must be sealed or reference');
  }
  const anyReference = parsed.clients?.some((client) => client.mode === 'reference') ?? false;
  return {
    configured: true,
    clients: parsed.clients,
    // Unreadable clients: which modes they want is unknown, so the store is not judged yet.
    referenceEnv:
      parsed.clients === undefined
        ? { TOKEN_MODE: 'sealed' }
        : { ...env, TOKEN_MODE: anyReference ? 'reference' : 'sealed' },
    problems,
  };
}
