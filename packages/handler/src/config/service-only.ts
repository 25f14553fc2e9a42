import type { AppEntry } from './apps-json.js';

const REFERENCE =
  'reference mode (a store) is a feature of the swap service (@tokenswap/swap-service); the fetch handler seals refresh tokens';
const LEGACY =
  'legacy-token migration (3DES and MD5 key derivation are not in WebCrypto) is a feature of the swap service (@tokenswap/swap-service)';

/**
 * Variables of the swap service that name features the fetch handler does not have: set, they
 * would be silently ignored, so `fromEnv` refuses them and says where the feature lives.
 */
const SERVICE_ONLY: Readonly<Record<string, string>> = {
  TOKEN_STORE: REFERENCE,
  ENCRYPTION_SECRET: LEGACY,
  LEGACY_ENCRYPTION_SECRETS: LEGACY,
  TOKENSWAP_APPS_FILE:
    'not read by the fetch handler (not every platform has a file system); put the same JSON in TOKENSWAP_APPS',
};

/** `NAME: why` for every service-only feature `env` asks for, apps in reference mode included. */
export function serviceOnlyProblems(
  env: Readonly<Record<string, string | undefined>>,
  apps: readonly AppEntry[] = [],
): string[] {
  const problems = Object.entries(SERVICE_ONLY)
    .filter(([name]) => env[name] !== undefined)
    .map(([name, why]) => `${name}: ${why}`);
  if (env.TOKEN_MODE !== undefined && env.TOKEN_MODE !== 'sealed') {
    problems.push(`TOKEN_MODE: ${REFERENCE}`);
  }
  apps.forEach((app, index) => {
    if (app.mode === 'reference')
      problems.push(`TOKENSWAP_APPS: apps[${index}].mode: ${REFERENCE}`);
  });
  return problems;
}
