import { isLoopbackHost } from './config/loopback.js';
import type { SwapService } from './start-swap-service.js';

/** Shell-quotes a value for the copy-paste commands (single quotes, safe for any URL). */
function q(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * The two shell commands that run a full swap and refresh against a development-mode service:
 * the first mints a code with the mock's control API, swaps it and keeps the sealed refresh
 * token in `$REFRESH_TOKEN` (printing the swap answer); the second refreshes with it. POSIX sh,
 * curl and sed only.
 */
export function devCurlCommands(
  service: Pick<SwapService, 'swapUrl' | 'refreshUrl'>,
  mockUrl: string,
): [string, string] {
  const mint = `curl -s -X POST ${q(`${mockUrl}/__mock/codes`)} -H 'content-type: application/json' -d '{"scopes":["user-read-email","user-read-private"]}' | sed -E 's/.*"code":"([^"]*)".*/\\1/'`;
  const swap = `SWAP_RESPONSE=$(curl -s -X POST ${q(service.swapUrl)} --data-urlencode "code=$(${mint})") && echo "$SWAP_RESPONSE" && REFRESH_TOKEN=$(echo "$SWAP_RESPONSE" | sed -E 's/.*"refresh_token":"([^"]*)".*/\\1/')`;
  const refresh = `curl -s -X POST ${q(service.refreshUrl)} --data-urlencode "refresh_token=$REFRESH_TOKEN"; echo`;
  return [swap, refresh];
}

/** What `pnpm start` prints once the service listens. */
export function formatBanner(service: SwapService): string {
  const { config } = service;
  const lines: string[] = [];
  if (service.dev === undefined) {
    lines.push(
      'tokenswap swap service — PRODUCTION mode: talking to the real accounts service',
      config.apps.length === 1
        ? `  accounts service: ${config.accountsUrl}   client id: ${config.client.clientId}`
        : `  accounts service: ${config.accountsUrl}   client ids: ${config.apps.map((app) => app.clientId).join(', ')}`,
      `  swap:     POST ${service.swapUrl}`,
      `  refresh:  POST ${service.refreshUrl}`,
    );
  } else {
    const { info } = service.dev;
    const [swap, refresh] = devCurlCommands(service, info.mockUrl);
    // The playground comes first: a newcomer's next step is to open it.
    const playground =
      info.playgroundUrl === undefined
        ? []
        : [
            `Playground: ${info.playgroundUrl}  <- open it in a browser to watch the token swap work`,
            '',
          ];
    const byHand =
      info.playgroundUrl === undefined
        ? [
            'Sign in as a demo user in a browser (the redirect to the callback will not load: copy',
            'the code= value from the address bar and POST it to the swap URL):',
            `  ${info.authorizeUrl}`,
            '',
          ]
        : [];
    lines.push(
      ...playground,
      'tokenswap swap service — DEVELOPMENT mode: no Spotify credentials are set, so it talks to an',
      'in-process MOCK of accounts.spotify.com (not Spotify) with an ephemeral sealing key.',
      '',
      `  swap:     POST ${service.swapUrl}`,
      `  refresh:  POST ${service.refreshUrl}`,
      `  mock accounts service: ${info.mockUrl}`,
      `  demo client id: ${info.clientId}   redirect URI: ${info.redirectUri}`,
      '',
      ...byHand,
      'Or run a full swap and refresh from a shell — paste these two commands:',
      `  ${swap}`,
      `  ${refresh}`,
    );
  }
  lines.push(
    config.reference === null
      ? '  tokens: sealed mode (refresh tokens sealed in the app)'
      : `  tokens: reference mode, store ${config.reference.storeDescription}`,
  );
  if (config.compatRoutes) {
    lines.push(
      `  compat routes: POST ${service.url}/api/token, POST ${service.url}/api/refresh_token`,
    );
  }
  lines.push(
    `  health: ${service.url}/healthz, ${service.url}/readyz   metrics: ${service.metricsUrl}${config.metrics.token === null ? '' : ' (bearer token)'}`,
    `  listening on ${listeningOn(service)}`,
    ...config.warnings.map((warning) => `WARNING: ${warning}`),
  );
  return lines.join('\n');
}

/** The address actually bound, saying so when it is every interface (the URLs show 127.0.0.1). */
function listeningOn(service: SwapService): string {
  const address = service.app.server.address();
  if (address === null || typeof address === 'string') return String(address);
  const wildcard = address.address === '0.0.0.0' || address.address === '::';
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return wildcard
    ? `${host}:${address.port} (every interface: reachable from other machines)`
    : `${host}:${address.port} (${isLoopbackHost(address.address) ? 'this machine only' : 'this address only'})`;
}
