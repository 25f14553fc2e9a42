import { createPrivateKey, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createImpersonationCertificates } from '../../src/impersonate/index.js';

describe('createImpersonationCertificates', { timeout: 30_000 }, () => {
  const hosts = ['accounts.spotify.com', 'api.spotify.com'];
  const now = Date.UTC(2026, 10, 24, 12);
  const pem = createImpersonationCertificates({ hosts, now: () => now, validityHours: 2 });
  const ca = new X509Certificate(pem.caCertPem);
  const server = new X509Certificate(pem.serverCertPem);

  it('makes a CA certificate that signs the server certificate', () => {
    expect(ca.ca).toBe(true);
    expect(ca.verify(ca.publicKey)).toBe(true);
    expect(server.ca).toBe(false);
    expect(server.checkIssued(ca)).toBe(true);
    expect(server.verify(ca.publicKey)).toBe(true);
  });

  it('names every impersonated host in the SAN and no other', () => {
    expect(server.subjectAltName).toBe('DNS:accounts.spotify.com, DNS:api.spotify.com');
    for (const host of hosts) expect(server.checkHost(host)).toBe(host);
    expect(server.checkHost('example.com')).toBeUndefined();
    expect(server.checkHost('spotify.com')).toBeUndefined();
  });

  it('is valid from one hour before now for validityHours', () => {
    expect(new Date(server.validFrom).getTime()).toBe(now - 3_600_000);
    expect(new Date(server.validTo).getTime()).toBe(now + 2 * 3_600_000);
    expect(new Date(ca.validTo).getTime()).toBe(now + 2 * 3_600_000);
  });

  it('is for server authentication, with a key that matches the certificate', () => {
    expect(server.keyUsage).toContain('1.3.6.1.5.5.7.3.1');
    expect(server.checkPrivateKey(createPrivateKey(pem.serverKeyPem))).toBe(true);
  });

  it('makes a fresh CA every time', () => {
    const other = createImpersonationCertificates({ hosts });
    expect(new X509Certificate(other.caCertPem).fingerprint256).not.toBe(ca.fingerprint256);
    expect(server.verify(new X509Certificate(other.caCertPem).publicKey)).toBe(false);
  });
});
