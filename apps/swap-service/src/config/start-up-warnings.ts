/**
 * Settings that are allowed but weaken the service; each is logged as a warning at start-up
 * and printed in the banner, so the operator sees it every time the service starts.
 */
export function startUpWarnings(settings: {
  trustProxy: boolean | number | readonly string[];
  accountsUrlInsecure: boolean;
}): string[] {
  const warnings: string[] = [];
  if (settings.trustProxy === true) {
    warnings.push(
      'TRUST_PROXY=true believes every X-Forwarded-For entry: behind a proxy that appends to it, each client picks its own address and so its own rate-limit key. Set the number of proxies in front instead (TRUST_PROXY=1 behind one load balancer) or their addresses.',
    );
  }
  if (settings.accountsUrlInsecure) {
    warnings.push(
      'SPOTIFY_ACCOUNTS_ALLOW_HTTP=true: the client secret, codes and tokens go to SPOTIFY_ACCOUNTS_URL over plain http.',
    );
  }
  return warnings;
}
