import type { TrustFiles } from './trust-files.js';

/**
 * Hosts the server under test must reach directly: the suite calls it on loopback, and a server
 * pointed at the mock's plain URL talks to 127.0.0.1 too.
 */
export const IMPERSONATION_NO_PROXY = '127.0.0.1,localhost';

/**
 * The environment that makes a server under test send its Spotify traffic through the proxy and
 * trust the impersonation CA. Each runtime reads a different subset (docs/impersonate.md):
 * - proxy: `HTTPS_PROXY`/`https_proxy` (Go, Python, Ruby, curl, undici's `EnvHttpProxyAgent`),
 *   `HTTP_PROXY`/`http_proxy` (Ruby's `Net::HTTP` looks up `http_proxy` even for https on older
 *   versions), `NODE_USE_ENV_PROXY=1` (Node ≥ 22.21 / 24.5 built-ins and fetch),
 *   `GLOBAL_AGENT_*` (the `global-agent` package);
 * - trust: `NODE_EXTRA_CA_CERTS` (Node, Bun; adds), `SSL_CERT_FILE` (OpenSSL: Ruby, PHP, Python's
 *   ssl; Go; replaces), `REQUESTS_CA_BUNDLE` (Python requests), `CURL_CA_BUNDLE` (curl),
 *   `DENO_CERT` (Deno; adds).
 *
 * @example
 * spawn('node', ['server.js'], { env: { ...process.env, ...impersonationEnv(proxyUrl, files) } });
 */
export function impersonationEnv(proxyUrl: string, trust: TrustFiles): Record<string, string> {
  return {
    HTTPS_PROXY: proxyUrl,
    https_proxy: proxyUrl,
    HTTP_PROXY: proxyUrl,
    http_proxy: proxyUrl,
    NO_PROXY: IMPERSONATION_NO_PROXY,
    no_proxy: IMPERSONATION_NO_PROXY,
    NODE_USE_ENV_PROXY: '1',
    GLOBAL_AGENT_HTTP_PROXY: proxyUrl,
    GLOBAL_AGENT_HTTPS_PROXY: proxyUrl,
    GLOBAL_AGENT_NO_PROXY: IMPERSONATION_NO_PROXY,
    NODE_EXTRA_CA_CERTS: trust.caCertPath,
    SSL_CERT_FILE: trust.caBundlePath,
    REQUESTS_CA_BUNDLE: trust.caBundlePath,
    CURL_CA_BUNDLE: trust.caBundlePath,
    DENO_CERT: trust.caCertPath,
  };
}

/**
 * The environment as POSIX `export` lines, for a server the suite does not spawn: print it,
 * `eval` it in the shell that starts the server. Values are single-quoted.
 *
 * @example
 * console.log(toShellExports(impersonation.env)); // export HTTPS_PROXY='http://127.0.0.1:41234'…
 */
export function toShellExports(env: Readonly<Record<string, string>>): string {
  return Object.entries(env)
    .map(([name, value]) => `export ${name}='${value.replaceAll("'", `'\\''`)}'`)
    .join('\n');
}
