import { isLoopbackHost } from './loopback.js';

/**
 * Development mode (no credentials) serves a demo client, the playground's fault and clock
 * routes and an ephemeral key: nothing another machine may reach.
 */
export const DEV_HOST_PROBLEM =
  'development mode (no Spotify credentials) listens on loopback only (127.0.0.1, ::1, localhost): its playground, fault and clock routes must not be reachable from other machines. Unset HOST, or set the credentials (and NODE_ENV=production) to serve the network';

/** Development mode listens on loopback only: a public `HOST` or `METRICS_HOST` is refused. */
export function devHostProblems(env: Record<string, string>): string[] {
  const problems: string[] = [];
  if (env.HOST !== undefined && !isLoopbackHost(env.HOST)) {
    problems.push(`HOST: ${DEV_HOST_PROBLEM}`);
  }
  if (
    env.METRICS_PORT !== undefined &&
    env.METRICS_HOST !== undefined &&
    !isLoopbackHost(env.METRICS_HOST)
  ) {
    problems.push(`METRICS_HOST: ${DEV_HOST_PROBLEM}`);
  }
  return problems;
}
