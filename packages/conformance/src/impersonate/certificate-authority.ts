import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';

// node-forge is CommonJS with only a default export at runtime, while its types declare named
// exports and the workspace compiles without esModuleInterop: require() matches both.
const forge = createRequire(import.meta.url)('node-forge') as typeof import('node-forge');

/** PEM material for impersonating `hosts`: a throw-away CA and one server certificate it signed. */
export interface ImpersonationCertificates {
  /** The CA certificate, to be trusted by the server under test. */
  readonly caCertPem: string;
  /** The server certificate, with every impersonated host as a DNS subject alternative name. */
  readonly serverCertPem: string;
  /** The server certificate's private key (PKCS#1 PEM). Kept in memory, never written to disk. */
  readonly serverKeyPem: string;
}

/** Options for {@link createImpersonationCertificates}. */
export interface CertificateOptions {
  /** Host names the server certificate is valid for, e.g. `['accounts.spotify.com']`. */
  readonly hosts: readonly string[];
  /** How long both certificates are valid, from one hour ago (clock skew). Default 24 hours. */
  readonly validityHours?: number;
  /** Clock, for tests. Default `Date.now`. */
  readonly now?: () => number;
}

const HOUR_MS = 60 * 60 * 1000;

/**
 * Creates a throw-away certificate authority and a server certificate for `hosts`, signed by it
 * with SHA-256. The CA's private key is dropped when this returns, so nothing else can ever be
 * signed with it. Extensions follow what strict verifiers require (OpenSSL 3, Python 3.13's
 * `VERIFY_X509_STRICT`, Go): critical CA basic constraints and key usage, subject and authority
 * key identifiers, `serverAuth` extended key usage, hosts only in the SAN.
 *
 * @example
 * const { caCertPem, serverCertPem, serverKeyPem } = createImpersonationCertificates({
 *   hosts: ['accounts.spotify.com', 'api.spotify.com'],
 * });
 */
export function createImpersonationCertificates(
  options: CertificateOptions,
): ImpersonationCertificates {
  const now = options.now?.() ?? Date.now();
  const notBefore = new Date(now - HOUR_MS);
  const notAfter = new Date(now + (options.validityHours ?? 24) * HOUR_MS);

  // RSA keys come from Node's native generator: node-forge's pure-JS one takes seconds.
  const caKey = generateRsaKey();
  const serverKey = generateRsaKey();

  const ca = forge.pki.createCertificate();
  ca.publicKey = forge.pki.setRsaPublicKey(caKey.n, caKey.e);
  ca.serialNumber = randomSerial();
  ca.validity.notBefore = notBefore;
  ca.validity.notAfter = notAfter;
  const caName = [
    { name: 'commonName', value: 'tokenswap conformance impersonation CA (throw-away)' },
    { name: 'organizationName', value: 'tokenswap' },
  ];
  ca.setSubject(caName);
  ca.setIssuer(caName);
  ca.setExtensions([
    { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  ca.sign(caKey, forge.md.sha256.create());

  const server = forge.pki.createCertificate();
  server.publicKey = forge.pki.setRsaPublicKey(serverKey.n, serverKey.e);
  server.serialNumber = randomSerial();
  server.validity.notBefore = notBefore;
  server.validity.notAfter = notAfter;
  server.setSubject([{ name: 'commonName', value: options.hosts[0] ?? 'localhost' }]);
  server.setIssuer(caName);
  server.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames: options.hosts.map((value) => ({ type: 2, value })) },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: ca.generateSubjectKeyIdentifier().getBytes() },
  ]);
  server.sign(caKey, forge.md.sha256.create());

  return {
    caCertPem: forge.pki.certificateToPem(ca),
    serverCertPem: forge.pki.certificateToPem(server),
    serverKeyPem: forge.pki.privateKeyToPem(serverKey),
  };
}

function generateRsaKey(): import('node-forge').pki.rsa.PrivateKey {
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return forge.pki.privateKeyFromPem(privateKey);
}

/** A positive 128-bit serial (the top bit cleared so DER does not read it as negative). */
function randomSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f || 0x01;
  return bytes.toString('hex');
}
