import { describe, expect, it } from 'vitest';
import { type ImpersonationHit, judgeUpstreamReach } from '../../src/impersonate/index.js';

const source = (...hits: ImpersonationHit[]) => ({ hits: () => hits });
const hit = (host: string, count: number, requests: number, tlsFailures = 0) => ({
  host,
  count,
  requests,
  tlsFailures,
});

describe('judgeUpstreamReach (IMP-001)', () => {
  it('passes when any request reached the mock, naming the hosts', () => {
    const verdict = judgeUpstreamReach(
      source(hit('accounts.spotify.com', 1, 2), hit('api.spotify.com', 0, 0)),
    );
    expect(verdict).toMatchObject({ id: 'IMP-001', level: 'MUST', status: 'passed' });
    expect(verdict.diagnosis).toBe('reached');
    expect(verdict.message).toContain('accounts.spotify.com: 2');
    expect(verdict.message).not.toContain('api.spotify.com');
  });

  it('fails as ignored-proxy when no tunnel was ever opened', () => {
    const verdict = judgeUpstreamReach(source(hit('accounts.spotify.com', 0, 0)));
    expect(verdict).toMatchObject({ status: 'failed', diagnosis: 'ignored-proxy' });
    expect(verdict.message).toContain('HTTPS_PROXY');
  });

  it('fails as untrusted-ca when tunnels opened but no TLS handshake completed', () => {
    const verdict = judgeUpstreamReach(source(hit('accounts.spotify.com', 3, 0, 3)));
    expect(verdict).toMatchObject({ status: 'failed', diagnosis: 'untrusted-ca' });
    expect(verdict.message).toContain('SSL_CERT_FILE');
  });

  it('fails as no-request when tunnels opened and TLS worked but nothing was asked', () => {
    const verdict = judgeUpstreamReach(source(hit('accounts.spotify.com', 1, 0, 0)));
    expect(verdict).toMatchObject({ status: 'failed', diagnosis: 'no-request' });
  });
});
