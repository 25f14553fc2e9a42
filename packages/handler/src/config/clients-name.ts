/**
 * Several clients as JSON come under `TOKENSWAP_CLIENTS` (a Spotify client id and secret is a
 * *client*); `TOKENSWAP_APPS`, the name before, is still read and documented as deprecated. The
 * swap service's file variant follows the same rule (`TOKENSWAP_CLIENTS_FILE`,
 * `TOKENSWAP_APPS_FILE`).
 */
export const CLIENTS_JSON_NAMES = ['TOKENSWAP_CLIENTS', 'TOKENSWAP_APPS'] as const;

/** Which of a new name and its deprecated one is set; a problem when both are. */
export function pickNewOrDeprecated<Name extends string>(
  env: Readonly<Record<string, string | undefined>>,
  [current, deprecated]: readonly [Name, Name],
): { name?: Name; problem?: string } {
  const hasCurrent = env[current] !== undefined;
  const hasDeprecated = env[deprecated] !== undefined;
  if (hasCurrent && hasDeprecated) {
    return {
      name: current,
      problem: `${current} and ${deprecated}: set only one (${deprecated} is the deprecated name of ${current})`,
    };
  }
  if (hasCurrent) return { name: current };
  return hasDeprecated ? { name: deprecated } : {};
}
