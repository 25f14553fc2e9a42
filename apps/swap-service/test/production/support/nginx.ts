import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { fillPlaceholders } from '@tokenswap/test-support/markdown-snippets';
import { doc, type Running, start } from './deployment.js';

export const NGINX = '/usr/sbin/nginx';

/** Why nginx tests cannot run here, or undefined. CI installs nginx (`.ci/run`), so there it fails. */
export function nginxSkipReason(): string | undefined {
  if (existsSync(NGINX)) return undefined;
  const reason = `${NGINX} not found (apt-get install -y nginx)`;
  if (process.env.CI) throw new Error(reason);
  return reason;
}

export interface Nginx {
  url: string;
  /** The self-signed certificate, for `ca` / NODE_EXTRA_CA_CERTS. */
  certFile: string;
  ca: string;
  running: Running;
}

/**
 * Starts Debian's nginx with the chapter's `production-nginx-conf`, only its certificate paths,
 * listening port and upstream address filled in, inside a minimal main config (non-root: pid,
 * logs and temp files in `dir`).
 */
export async function startNginx(dir: string, servicePort: number, port: number): Promise<Nginx> {
  mkdirSync(dir, { recursive: true });
  const certFile = join(dir, 'fullchain.pem');
  const keyFile = join(dir, 'privkey.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-keyout',
      keyFile,
      '-out',
      certFile,
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  const site = fillPlaceholders(doc('production-nginx-conf'), {
    'server 127.0.0.1:3000;': `server 127.0.0.1:${servicePort};`,
    'listen 443 ssl;': `listen 127.0.0.1:${port} ssl;`,
    '/etc/ssl/tokenswap/fullchain.pem': certFile,
    '/etc/ssl/tokenswap/privkey.pem': keyFile,
  });
  writeFileSync(join(dir, 'tokenswap.conf'), site);
  const temp = (name: string) => `${name} ${join(dir, name.replace('_path', ''))};`;
  writeFileSync(
    join(dir, 'nginx.conf'),
    [
      `pid ${join(dir, 'nginx.pid')};`,
      `error_log ${join(dir, 'error.log')} warn;`,
      'events {}',
      'http {',
      `  access_log off;`,
      `  ${temp('client_body_temp_path')}`,
      `  ${temp('proxy_temp_path')}`,
      `  ${temp('fastcgi_temp_path')}`,
      `  ${temp('uwsgi_temp_path')}`,
      `  ${temp('scgi_temp_path')}`,
      `  include ${join(dir, 'tokenswap.conf')};`,
      '}',
    ].join('\n'),
  );
  const running = start([NGINX, '-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
  });
  const ca = readFileSync(certFile, 'utf8');
  const url = `https://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      await tls(url, { path: '/healthz', ca });
      break;
    } catch (error) {
      if (running.child.exitCode !== null || Date.now() > deadline) {
        throw new Error(`nginx did not start: ${String(error)}\n${running.output()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return { url, certFile, ca, running };
}

export interface TlsAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  // biome-ignore lint/suspicious/noExplicitAny: inspected field by field
  json: any;
}

/** One HTTPS request, optionally from another loopback source address (127.0.0.2, …). */
export function tls(
  base: string,
  options: {
    path: string;
    ca: string;
    method?: string;
    body?: string;
    from?: string;
    headers?: Record<string, string>;
  },
): Promise<TlsAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${base}${options.path}`,
      {
        method: options.method ?? 'GET',
        ca: options.ca,
        agent: false,
        ...(options.from ? { localAddress: options.from } : {}),
        headers: {
          ...(options.body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
          ...options.headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          text += c;
        });
        res.on('end', () => {
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = text;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, json });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}
