import { spawnSync } from 'node:child_process';
import { send } from '@tokenswap/test-support';
import { spawnSwapServer } from '@tokenswap/test-support/swap-service-process';
import { describe, expect, it } from 'vitest';
import { ConfigurationError, startSwapService } from '../src/start-swap-service.js';
import { me } from './helpers/stack.js';

describe('development mode (no Spotify credentials)', () => {
  it('the built server starts the mock, prints a banner, and its curl pair swaps and refreshes', async () => {
    const server = spawnSwapServer({ PORT: '0', LOG_LEVEL: 'warn' });
    try {
      // Generous: a cold Node start on a loaded 2-core CI machine can take seconds.
      await server.waitFor(/metrics: \S+/, 40_000);
      const banner = server.stdout();
      expect(banner).toContain('DEVELOPMENT mode');
      expect(banner).toContain('MOCK of accounts.spotify.com');
      expect(banner).toMatch(/demo client id: tokenswap-demo-client/);
      // The playground comes first, at the service's own root.
      expect(banner.split('\n')[0]).toMatch(
        /^Playground: http:\/\/127\.0\.0\.1:\d+\/ {2}<- open it/,
      );
      const commands = banner
        .split('\n')
        .filter((line) => /^ {2}(SWAP_RESPONSE=|curl )/.test(line))
        .map((line) => line.trim());
      expect(commands).toHaveLength(2);

      // Run exactly what the banner says, in a shell, as a user would paste it.
      const run = spawnSync('bash', ['-c', `set -e\n${commands.join('\n')}`], {
        encoding: 'utf8',
        timeout: 15_000,
      });
      expect(run.status, run.stderr).toBe(0);
      const [swapLine, refreshLine] = run.stdout.trim().split('\n');
      const swapped = JSON.parse(swapLine as string);
      const refreshed = JSON.parse(refreshLine as string);
      expect(swapped.refresh_token).toMatch(/^v1\.dev\./);
      expect(swapped.expires_in).toBe(3600);
      expect(refreshed.access_token).toEqual(expect.any(String));
      const mockUrl = banner.match(/mock accounts service: (\S+)/)?.[1] as string;
      expect((await me(mockUrl, refreshed.access_token)).status).toBe(200);
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
    } finally {
      server.child.kill('SIGKILL');
    }
  }, 60_000);

  it('startSwapService({ env: {} }) runs on the mock, with the playground at /', async () => {
    const service = await startSwapService({ env: {}, port: 0, logger: false });
    try {
      expect(service.mode).toBe('development');
      expect(service.config.host).toBe('127.0.0.1');
      expect(service.dev?.mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const index = await send(`${service.url}/`, { method: 'GET' });
      expect(index.status).toBe(200);
      expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(index.text).toContain('<h1>tokenswap playground</h1>');
      // The dev authorize URL is one the mock accepts (consent page, not an error).
      const authorize = await send(service.dev?.info.authorizeUrl as string, { method: 'GET' });
      expect(authorize.status).toBe(200);
    } finally {
      await service.close();
    }
  });

  it('refuses development mode with NODE_ENV=production, naming the missing credentials', async () => {
    const failure = startSwapService({ env: { NODE_ENV: 'production' }, port: 0, logger: false });
    await expect(failure).rejects.toBeInstanceOf(ConfigurationError);
    await expect(failure).rejects.toThrow(
      /SPOTIFY_CLIENT_ID: is required[\s\S]*SPOTIFY_CLIENT_SECRET: is required/,
    );
  });

  it('refuses an accounts URL without credentials instead of silently using the mock', async () => {
    await expect(
      startSwapService({
        env: { SPOTIFY_ACCOUNTS_URL: 'https://accounts.example' },
        port: 0,
        logger: false,
      }),
    ).rejects.toThrow(/SPOTIFY_ACCOUNTS_URL: set without SPOTIFY_CLIENT_ID/);
  });
});

describe('production start-up failures', () => {
  it('the built server exits 1 printing every problem', async () => {
    const server = spawnSwapServer({ SPOTIFY_CLIENT_ID: 'x', SPOTIFY_CLIENT_SECRETT: 'typo' });
    expect(await server.exited).toBe(1);
    const stderr = server.stderr();
    expect(stderr).toContain('Invalid configuration');
    expect(stderr).toContain('SPOTIFY_CLIENT_SECRETT: unknown variable');
    expect(stderr).toContain('SPOTIFY_CLIENT_SECRET: is required');
    expect(stderr).toContain('TOKEN_ENCRYPTION_KEYS: is required');
    expect(stderr).not.toContain('typo');
  });
});
