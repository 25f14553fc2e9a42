import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConformance } from '../src/index.js';
import { freePort, type SpawnedServer, spawnServer, waitForHttp } from '../src/spawn.js';
import { FAST, fixturePath } from './helpers/fixtures.js';

// The other way to drive a server: the user configures it before the run, pointing it at a mock
// port fixed with --mock-port, and names a second deployment with --second-refresh-url.
describe('a server configured by the user (--mock-port)', () => {
  let mockPort: number;
  const servers: SpawnedServer[] = [];
  const urls: { swap: string; refresh: string }[] = [];

  beforeAll(async () => {
    mockPort = await freePort();
    for (const secret of ['first-deployment-secret', 'second-deployment-secret']) {
      const port = await freePort();
      const server = spawnServer({
        command: `node ${JSON.stringify(fixturePath('correct'))}`,
        env: {
          GOOD_PORT: String(port),
          GOOD_ACCOUNTS: `http://127.0.0.1:${mockPort}`,
          GOOD_CLIENT_ID: 'my-app',
          GOOD_CLIENT_SECRET: 'my-app-secret',
          GOOD_CALLBACK: 'my-app://callback',
          GOOD_SEAL_SECRET: secret,
          GOOD_UPSTREAM_TIMEOUT_MS: '1000',
        },
      });
      servers.push(server);
      const swap = `http://127.0.0.1:${port}/swap`;
      urls.push({ swap, refresh: `http://127.0.0.1:${port}/refresh` });
      await waitForHttp(swap, server, 20_000);
    }
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
  });

  const base = () => ({
    swapUrl: urls[0]?.swap ?? '',
    refreshUrl: urls[0]?.refresh ?? '',
    mockPort,
    clientId: 'my-app',
    clientSecret: 'my-app-secret',
    redirectUri: 'my-app://callback',
    ...FAST,
  });

  it('runs against the mock on the fixed port with the given client', async () => {
    const report = await runConformance({ ...base(), only: ['SWAP', 'REFRESH-001', 'SEC-005'] });
    expect(report.target.accountsUrl).toBe(`http://127.0.0.1:${mockPort}`);
    expect(report.results.filter((r) => r.status === 'failed')).toEqual([]);
    const sec005 = report.results.find((r) => r.id === 'SEC-005');
    expect(sec005?.status).toBe('skipped');
    expect(sec005?.message).toMatch(/^no second deployment: give --second-refresh-url/);
  });

  it('judges SEC-005 against a second deployment given by URL', async () => {
    const report = await runConformance({
      ...base(),
      secondRefreshUrl: urls[1]?.refresh ?? '',
      secondSwapUrl: urls[1]?.swap ?? '',
      only: ['SEC-005'],
    });
    expect(report.results.map((r) => [r.id, r.status])).toEqual([['SEC-005', 'passed']]);
  });

  it('fails SEC-005 when the "second deployment" is the same one', async () => {
    const report = await runConformance({
      ...base(),
      secondRefreshUrl: urls[0]?.refresh ?? '',
      only: ['SEC-005'],
    });
    expect(report.results[0]?.status).toBe('failed');
    expect(report.results[0]?.message).toBe(
      'the second deployment redeemed a refresh token the first one issued: expected a 4xx JSON error, got HTTP 200',
    );
  });
});
