import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Debian/Ubuntu/Alpine location of the system CA bundle; absent on some images. */
export const DEFAULT_SYSTEM_CA_BUNDLE = '/etc/ssl/certs/ca-certificates.crt';

/** Files a server under test is pointed at to trust the impersonation CA. */
export interface TrustFiles {
  /** The CA alone: for `NODE_EXTRA_CA_CERTS`, which adds to Node's own roots. */
  readonly caCertPath: string;
  /**
   * The CA followed by the system bundle: for `SSL_CERT_FILE`, `REQUESTS_CA_BUNDLE` and
   * `CURL_CA_BUNDLE`, which *replace* the system roots, so the server keeps trusting the hosts
   * it reaches without us.
   */
  readonly caBundlePath: string;
}

/**
 * Writes the CA certificate and the combined bundle into `dir` (a private temp dir). With
 * `systemBundlePath` null or missing, the bundle holds our CA alone.
 *
 * @example
 * const { caCertPath, caBundlePath } = await writeTrustFiles(dir, caCertPem);
 */
export async function writeTrustFiles(
  dir: string,
  caCertPem: string,
  systemBundlePath: string | null = DEFAULT_SYSTEM_CA_BUNDLE,
): Promise<TrustFiles> {
  const caCertPath = join(dir, 'impersonation-ca.pem');
  const caBundlePath = join(dir, 'impersonation-ca-bundle.pem');
  const system =
    systemBundlePath !== null && existsSync(systemBundlePath)
      ? await readFile(systemBundlePath, 'utf8')
      : '';
  await writeFile(caCertPath, caCertPem, { mode: 0o644 });
  const separator = system === '' || system.endsWith('\n') ? '' : '\n';
  await writeFile(caBundlePath, `${caCertPem}${system}${separator}`, { mode: 0o644 });
  return { caCertPath, caBundlePath };
}
