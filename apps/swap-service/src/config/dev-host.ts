import { isLoopbackHost } from './loopback.js';

/**
 * Development mode (no credentials) serves a demo client, the playground's fault and clock
 * routes and an ephemeral key: nothing another machine may reach.
 */
const DEV_HOST_PROBLEM =
  'development mode (no Spotify credentials) listens on loopback only (127.0.0.1, ::1, localhost): its playground, fault and clock routes must not be reachable from other machines. Unset HOST, or set the credentials (and NODE_ENV=production) to serve the network';

/**
 * Development mode listens on loopback only: a public `HOST` or `METRICS_HOST` is refused.
 * Run by `parseConfig` and, before anything binds, by `startSwapService`.
 *
 * @example
 * ```ts
 * devHostProblems({ HOST: '0.0.0.0' }); // ['HOST: development mode … listens on loopback only …']
 * ```
 */
export function devHostProblems(env: Readonly<Record<string, string | undefined>>): string[] {
  const set = (name: string) => {
    const value = (env[name] ?? '').trim();
    return value === '' ? undefined : value;
  };
  const problems: string[] = [];
  const host = set('HOST');
  if (host !== undefined && !isLoopbackHost(host)) problems.push(`HOST: ${DEV_HOST_PROBLEM}`);
  const metricsHost = set('METRICS_HOST');
  if (
    set('METRICS_PORT') !== undefined &&
    metricsHost !== undefined &&
    !isLoopbackHost(metricsHost)
  ) {
    problems.push(`METRICS_HOST: ${DEV_HOST_PROBLEM}`);
  }
  return problems;
}
