import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { impersonationEnv, toShellExports } from '../../src/impersonate/index.js';

describe('impersonationEnv', () => {
  const env = impersonationEnv('http://127.0.0.1:4242', {
    caCertPath: '/tmp/x/ca.pem',
    caBundlePath: '/tmp/x/bundle.pem',
  });

  it('points additive trust variables at the CA and replacing ones at the bundle', () => {
    expect(env.NODE_EXTRA_CA_CERTS).toBe('/tmp/x/ca.pem');
    expect(env.DENO_CERT).toBe('/tmp/x/ca.pem');
    for (const name of ['SSL_CERT_FILE', 'REQUESTS_CA_BUNDLE', 'CURL_CA_BUNDLE']) {
      expect(env[name]).toBe('/tmp/x/bundle.pem');
    }
  });

  it('sets every proxy spelling and keeps loopback direct', () => {
    for (const name of ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy']) {
      expect(env[name]).toBe('http://127.0.0.1:4242');
    }
    expect(env.NO_PROXY).toBe('127.0.0.1,localhost');
    expect(env.no_proxy).toBe('127.0.0.1,localhost');
    expect(env.NODE_USE_ENV_PROXY).toBe('1');
  });
});

describe('toShellExports', () => {
  it('round-trips through sh, quotes included', () => {
    const script = toShellExports({ A: 'http://127.0.0.1:1', B: "it's $HOME `x`" });
    const out = execFileSync('sh', ['-c', `${script}\nprintf '%s|%s' "$A" "$B"`], {
      encoding: 'utf8',
    });
    expect(out).toBe("http://127.0.0.1:1|it's $HOME `x`");
  });
});
