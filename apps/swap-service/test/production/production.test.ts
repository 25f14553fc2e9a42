import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type MockAccounts, startMockAccounts } from '@tokenswap/mock-accounts';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import {
  baseEnv,
  doc,
  envFile,
  freePort,
  type Layout,
  makeLayout,
  mapPaths,
  parseEnvFile,
  REPO_ROOT,
  type Running,
  runShell,
  start,
  waitForAnswer,
} from './support/deployment.js';
import { type Nginx, nginxSkipReason, startNginx, tls } from './support/nginx.js';

// The production chapter (docs/production.md), step by step: every command, file and
// configuration below is read out of the Markdown by its snippet id, only its paths, ports,
// credentials and key filled in. One install (section 1) serves every step.

const MOCK_PORT_ENV = 'SPOTIFY_ACCOUNTS_URL';
let layout: Layout;
let key: string;
let mockPort: number;
const running: Running[] = [];

beforeAll(() => {
  layout = makeLayout();
  runShell(doc('production-pack'), REPO_ROOT, { TARBALLS: layout.tarballs });
  runShell(mapPaths(doc('production-install'), layout), layout.context, {
    TARBALLS: layout.tarballs,
  });
  key = runShell(mapPaths(doc('production-keygen'), layout), layout.context).trim();
}, 300_000);

afterAll(async () => {
  for (const r of running) r.stop('SIGKILL');
});

/** Writes the environment file and starts the service the way the unit's ExecStart does. */
async function startAsUnit(
  env: { drainMs?: number; port?: number; extra?: Record<string, string> } = {},
) {
  const port = env.port ?? (await freePort());
  const metricsPort = await freePort();
  writeFileSync(
    join(layout.etc, 'tokenswap.env'),
    envFile({
      key,
      port,
      metricsPort,
      ...(env.drainMs === undefined ? {} : { drainMs: env.drainMs }),
    }),
  );
  const unit = mapPaths(doc('production-systemd-unit'), layout);
  const setting = (name: string) => unit.match(new RegExp(`^${name}=(.+)$`, 'm'))?.[1] as string;
  const [node, ...args] = setting('ExecStart').split(/\s+/);
  expect(node).toBe('/usr/bin/node');
  const fileEnv = parseEnvFile(readFileSync(setting('EnvironmentFile'), 'utf8'));
  const service = start([process.execPath, ...args], {
    cwd: setting('WorkingDirectory'),
    env: baseEnv({
      ...fileEnv,
      [MOCK_PORT_ENV]: `http://127.0.0.1:${mockPort}`,
      ...env.extra,
    }),
  });
  running.push(service);
  expect(await waitForAnswer(`http://127.0.0.1:${port}/readyz`, service)).toBe(200);
  return { service, port, metricsPort, unit, fileEnv };
}

describe('sections 1-5: install, environment file, plain node, systemd, container', () => {
  beforeAll(async () => {
    mockPort = await freePort();
  });

  it('installs from the tarballs into an empty folder; keygen prints one keyId:key pair', () => {
    expect(
      existsSync(join(layout.srv, 'node_modules/@tokenswap/swap-service/dist/server.bundle.js')),
    ).toBe(true);
    expect(key).toMatch(/^2026-11:[A-Za-z0-9_-]{43}$/);
  });

  it('sections 3-5 run the file the installed bin runs (the bundled entry), with its node flags', () => {
    const installed = join(layout.srv, 'node_modules/@tokenswap/swap-service');
    const bin = readFileSync(join(installed, 'bin/tokenswap-swap-service.js'), 'utf8');
    const binEntry = bin.match(/^import '\.\.\/(dist\/[^']+)';$/m)?.[1];
    expect(binEntry).toBe('dist/server.bundle.js');
    const flags = bin.match(/^#!\/usr\/bin\/env -S node((?: --[\w=-]+)*)\n/)?.[1];
    expect(flags).toBe(' --max-semi-space-size=2');
    const entry = `node_modules/@tokenswap/swap-service/${binEntry}`;
    expect(doc('production-start')).toContain(`node${flags} ${entry}\n`);
    expect(doc('production-systemd-unit')).toContain(
      `ExecStart=/usr/bin/node${flags} /srv/tokenswap/${entry}\n`,
    );
    const cmd = ['node', ...(flags ?? '').trim().split(' '), entry];
    expect(doc('production-dockerfile')).toContain(
      `CMD ${JSON.stringify(cmd).replaceAll(',', ', ')}`,
    );
  });

  it('section 3: the plain-node commands start it from the environment file', async () => {
    const port = await freePort();
    const metricsPort = await freePort();
    writeFileSync(
      join(layout.etc, 'tokenswap.env'),
      envFile({ key, port, metricsPort, drainMs: 300 }),
    );
    const service = start(['bash', '-c', mapPaths(doc('production-start'), layout)], {
      cwd: layout.context,
      env: baseEnv({ [MOCK_PORT_ENV]: `http://127.0.0.1:${mockPort}` }),
    });
    running.push(service);
    expect(await waitForAnswer(`http://127.0.0.1:${port}/healthz`, service)).toBe(200);
    expect(service.output()).toMatch(/swap: +POST http:\/\/127\.0\.0\.1:\d+\/swap/);
    service.stop();
    expect(await service.exited).not.toBeNull();
  });

  it("section 4: the unit's ExecStart, EnvironmentFile and WorkingDirectory start it; SIGTERM exits 0 within TimeoutStopSec", async () => {
    const { service, unit, fileEnv } = await startAsUnit({ drainMs: 300 });
    const stopSec = Number(unit.match(/^TimeoutStopSec=(\d+)$/m)?.[1]);
    // The numbers the chapter promises fit together: the service stops before systemd kills it.
    const docEnv = parseEnvFile(doc('production-env'));
    expect(Number(docEnv.SHUTDOWN_TIMEOUT_MS)).toBeLessThan(stopSec * 1000);
    expect(Number(docEnv.SHUTDOWN_DRAIN_MS) + 10_000).toBeLessThan(
      Number(docEnv.SHUTDOWN_TIMEOUT_MS),
    );
    expect(fileEnv.NODE_ENV).toBe('production');
    const started = Date.now();
    service.child.kill('SIGTERM');
    expect(await service.exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(stopSec * 1000);
  });

  it("section 5: the Dockerfile copies files that exist, RUNs the chapter's install and its CMD starts the service", async () => {
    const dockerfile = doc('production-dockerfile');
    const instruction = (name: string) =>
      [...dockerfile.matchAll(new RegExp(`^${name} (.+)$`, 'gm'))].map((m) => m[1] as string);
    expect(instruction('FROM')).toEqual(['node:20-slim']);
    for (const copy of instruction('COPY')) {
      const [source] = copy.split(/\s+/);
      expect(existsSync(join(layout.context, source as string)), source).toBe(true);
    }
    const npmOf = (script: string) =>
      script
        .match(/npm install [^&\n]+/)?.[0]
        ?.trim()
        .replaceAll('"$TARBALLS"', '/tmp/tarballs');
    expect(npmOf(instruction('RUN')[0] as string)).toBe(npmOf(doc('production-install')));
    const env = parseEnvFile(instruction('ENV')[0]?.replaceAll(' ', '\n') ?? '');
    const workdir = mapPaths(instruction('WORKDIR')[0] as string, layout);
    const cmd = JSON.parse(instruction('CMD')[0] as string) as string[];
    expect(cmd[0]).toBe('node');
    const port = await freePort();
    const metricsPort = await freePort();
    const fileEnv = parseEnvFile(envFile({ key, port, metricsPort, drainMs: 300 }));
    const service = start([process.execPath, ...cmd.slice(1)], {
      cwd: workdir,
      // Tests bind to loopback only: the image's 0.0.0.0 is replaced here, nothing else.
      env: baseEnv({
        ...fileEnv,
        ...env,
        HOST: '127.0.0.1',
        METRICS_HOST: '127.0.0.1',
        [MOCK_PORT_ENV]: `http://127.0.0.1:${mockPort}`,
      }),
    });
    running.push(service);
    expect(env).toMatchObject({ NODE_ENV: 'production', HOST: '0.0.0.0' });
    expect(await waitForAnswer(`http://127.0.0.1:${port}/healthz`, service)).toBe(200);
    service.stop();
    await service.exited;
  });
});

const skip = nginxSkipReason();
describe.skipIf(skip !== undefined)(
  `sections 6-7: behind nginx with TLS${skip ? ` (${skip})` : ''}`,
  () => {
    let nginx: Nginx;
    let servicePort: number;
    let nginxPort: number;

    beforeAll(async () => {
      mockPort = await freePort();
      servicePort = await freePort();
      nginxPort = await freePort();
      nginx = await startNginx(join(layout.context, '..', 'nginx'), servicePort, nginxPort);
      running.push(nginx.running);
    }, 30_000);

    afterAll(() => nginx?.running.stop('SIGQUIT'));

    /** Starts the service on the port nginx proxies to. */
    async function behindNginx(extra: Record<string, string> = {}, drainMs?: number) {
      const started = await startAsUnit({
        port: servicePort,
        extra,
        ...(drainMs === undefined ? {} : { drainMs }),
      });
      // The next test starts another service on the same port: this one must be gone first.
      onTestFinished(async () => {
        started.service.stop('SIGKILL');
        await started.service.exited;
      });
      return started;
    }

    it('the conformance suite judges the service through nginx over TLS: every MUST case passes', async () => {
      await behindNginx({ UPSTREAM_TIMEOUT_MS: '3000' });
      const report = join(layout.context, '..', 'conformance.json');
      let exit = 0;
      try {
        execFileSync(
          process.execPath,
          [
            join(REPO_ROOT, 'packages/conformance/bin/tokenswap-conformance.js'),
            '--mock-port',
            String(mockPort),
            '--swap-url',
            `${nginx.url}/swap`,
            '--refresh-url',
            `${nginx.url}/refresh`,
            '--token-mode',
            'sealed',
            '--timeout-bound',
            '8',
            '--slow-delay',
            '10',
            '--load',
            '10',
            '--quiet',
            '--reporter',
            `json=${report}`,
          ],
          {
            env: { ...process.env, NODE_EXTRA_CA_CERTS: nginx.certFile },
            stdio: 'pipe',
            timeout: 240_000,
          },
        );
      } catch (error) {
        exit = (error as { status: number }).status;
      }
      const verdicts = JSON.parse(readFileSync(report, 'utf8'));
      const cases: { id: string; level: string; status: string }[] = verdicts.results;
      const mustFailures = cases.filter((c) => c.level === 'MUST' && c.status === 'failed');
      expect(mustFailures).toEqual([]);
      expect(
        cases.filter((c) => c.level === 'MUST' && c.status === 'passed').length,
      ).toBeGreaterThan(10);
      expect(exit).toBe(0);
    }, 300_000);

    it('the rate limit keys on the address nginx forwards: one client is limited, another is not, a forged X-Forwarded-For does not help', async () => {
      await behindNginx({ RATE_LIMIT_MAX: '3' });
      const swap = (from: string, headers: Record<string, string> = {}) =>
        tls(nginx.url, {
          path: '/swap',
          method: 'POST',
          body: 'code=nope',
          ca: nginx.ca,
          from,
          headers,
        });
      for (let i = 0; i < 3; i++) expect((await swap('127.0.0.2')).status).not.toBe(429);
      const limited = await swap('127.0.0.2');
      expect(limited.status).toBe(429);
      expect((await swap('127.0.0.2', { 'x-forwarded-for': '203.0.113.9' })).status).toBe(429);
      expect((await swap('127.0.0.3')).status).not.toBe(429);
    });

    it('/metrics is off the public port, on METRICS_PORT; the probe paths answer; SIGTERM drains; nginx answers JSON while the service is down', async () => {
      const { service, metricsPort } = await behindNginx({}, 1_500);
      const get = (path: string) => tls(nginx.url, { path, ca: nginx.ca });
      expect((await get('/metrics')).status).toBe(404);
      const probes = [...doc('production-probes').matchAll(/path: (\/\w+), port: (\d+)/g)];
      expect(probes.map((p) => p[1])).toEqual(['/healthz', '/readyz']);
      for (const [, path, port] of probes) {
        expect(port).toBe(String(parseEnvFile(doc('production-env')).PORT));
        expect((await get(path as string)).status).toBe(200);
      }
      const scraped = runShell(
        doc('production-metrics').replace('9464', String(metricsPort)),
        layout.context,
      );
      expect(scraped).toMatch(/^tokenswap_http_requests_total\{/m);
      // A malformed swap through nginx: the service's own 400 while it drains, nginx's 503 after.
      const badSwap = () =>
        tls(nginx.url, { path: '/swap', method: 'POST', body: 'x=1', ca: nginx.ca });
      service.child.kill('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect((await get('/readyz')).status).toBe(503);
      expect((await badSwap()).status).toBe(400);
      expect(await service.exited).toBe(0);
      const down = await badSwap();
      expect(down.status).toBe(503);
      expect(down.json).toMatchObject({ error: 'temporarily_unavailable' });
      expect(down.headers['cache-control']).toBe('no-store');
    });
  },
);

describe('section 8: the key-rotation runbook, step by step', () => {
  let mock: MockAccounts;
  beforeAll(async () => {
    mock = await startMockAccounts();
    mockPort = Number(new URL(mock.url).port);
  });
  afterAll(() => mock?.close());

  /** Runs the service with this keyring for one step of the runbook. */
  async function withKeyring<T>(
    keyring: string,
    step: (base: string, metricsPort: number) => Promise<T>,
  ) {
    const saved = key;
    key = keyring;
    const { service, port, metricsPort } = await startAsUnit();
    key = saved;
    try {
      return await step(`http://127.0.0.1:${port}`, metricsPort);
    } finally {
      service.stop('SIGKILL');
      await service.exited;
    }
  }
  const form = async (url: string, body: Record<string, string>) => {
    const answer = await fetch(url, { method: 'POST', body: new URLSearchParams(body) });
    return { status: answer.status, json: (await answer.json()) as Record<string, string> };
  };

  it('add the new key second, make it primary, watch the old key’s count, retire it', async () => {
    const oldKey = key;
    const newKey = runShell(
      mapPaths(doc('production-keygen'), layout).replace('--id 2026-11', '--id 2027-05'),
      layout.context,
    ).trim();
    const oldToken = await withKeyring(oldKey, async (base) => {
      const swap = await form(`${base}/swap`, { code: mock.mintCode() });
      expect(swap.status).toBe(200);
      return swap.json.refresh_token as string;
    });
    expect(oldToken).toMatch(/^v1\.2026-11\./);

    // 1. The new key second: old tokens open as before.
    await withKeyring(`${oldKey},${newKey}`, async (base) => {
      expect((await form(`${base}/refresh`, { refresh_token: oldToken })).status).toBe(200);
    });

    // 2. + 3. The new key primary: new tokens are sealed under it, old ones still open, and the
    // runbook's scrape shows refreshes per key.
    const newToken = await withKeyring(`${newKey},${oldKey}`, async (base, metricsPort) => {
      // An old token still opens, and is answered with one sealed under the new primary key.
      const refreshed = await form(`${base}/refresh`, { refresh_token: oldToken });
      expect(refreshed.status).toBe(200);
      expect(refreshed.json.refresh_token).toMatch(/^v1\.2027-05\./);
      const swap = await form(`${base}/swap`, { code: mock.mintCode() });
      expect(swap.json.refresh_token).toMatch(/^v1\.2027-05\./);
      expect(
        (await form(`${base}/refresh`, { refresh_token: swap.json.refresh_token as string }))
          .status,
      ).toBe(200);
      const scraped = runShell(
        doc('production-key-count').replace('9464', String(metricsPort)),
        layout.context,
      );
      expect(scraped).toMatch(/^tokenswap_sealed_refresh_total\{key_id="2026-11"\} 1$/m);
      expect(scraped).toMatch(/^tokenswap_sealed_refresh_total\{key_id="2027-05"\} 1$/m);
      return swap.json.refresh_token as string;
    });

    // 4. The old key retired: its tokens are refused as invalid_grant, the new ones work.
    await withKeyring(newKey, async (base) => {
      const refused = await form(`${base}/refresh`, { refresh_token: oldToken });
      expect(refused.status).toBe(400);
      expect(refused.json.error).toBe('invalid_grant');
      expect((await form(`${base}/refresh`, { refresh_token: newToken })).status).toBe(200);
    });
  }, 60_000);
});
