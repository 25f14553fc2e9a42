import { createServer } from 'node:net';
import { post, send } from '@tokenswap/test-support';
import { describe, expect, it } from 'vitest';
import { formatBanner } from '../../src/banner.js';
import { PLAYGROUND_ROUTES } from '../../src/playground/index.js';
import { ConfigurationError, startSwapService } from '../../src/start-swap-service.js';
import { startStack } from '../helpers/stack.js';
import { startPlaygroundStack } from './helpers.js';

describe('development mode serves the playground', () => {
  it('registers the playground URL at the mock and uses it as the redirect URI', async () => {
    const stack = await startPlaygroundStack();
    try {
      const playgroundUrl = `${stack.url}/`;
      expect(stack.service.dev?.info.playgroundUrl).toBe(playgroundUrl);
      expect(stack.service.config.redirectUri).toBe(playgroundUrl);
      expect(formatBanner(stack.service).split('\n')[0]).toBe(
        `Playground: ${playgroundUrl}  <- open it in a browser to watch the token swap work`,
      );

      const page = await send(playgroundUrl, { method: 'GET' });
      expect(page.status).toBe(200);
      expect(page.text).toContain(`data-redirect-uri="${playgroundUrl}"`);
      expect(page.text).toContain(`data-mock-url="${stack.mock.url}"`);
      expect(
        (await send(`${stack.url}${PLAYGROUND_ROUTES.script}`, { method: 'GET' })).status,
      ).toBe(200);

      // The mock accepts the playground as a redirect URI (consent page, not its error page) …
      const authorize = new URL('/authorize', stack.mock.url);
      authorize.search = new URLSearchParams({
        client_id: 'tokenswap-demo-client',
        response_type: 'code',
        redirect_uri: playgroundUrl,
      }).toString();
      expect((await send(authorize.toString(), { method: 'GET' })).status).toBe(200);
      // … and a code issued for it swaps (the service sends the same redirect URI upstream).
      const code = stack.mock.mintCode({ redirectUri: playgroundUrl });
      const swapped = await post(`${stack.url}/swap`, { code });
      expect(swapped.status).toBe(200);
      expect(swapped.json.refresh_token).toMatch(/^v1\.dev\./);
    } finally {
      await stack.close();
    }
  });

  it('a malformed PORT is still reported by the config check, and the mock is stopped', async () => {
    const failure = startSwapService({ env: { PORT: 'eighty' }, logger: false });
    await expect(failure).rejects.toBeInstanceOf(ConfigurationError);
    await expect(failure).rejects.toThrow(/PORT: /);
  });

  it('an explicit PORT that is taken fails with EADDRINUSE', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    try {
      await expect(
        startSwapService({ env: { PORT: String(port) }, logger: false }),
      ).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});

describe('production mode has no playground', () => {
  it('answers 404 on /, the script, the stylesheet and every dev proxy route', async () => {
    const stack = await startStack();
    try {
      expect(stack.service.mode).toBe('production');
      for (const path of [
        PLAYGROUND_ROUTES.page,
        PLAYGROUND_ROUTES.script,
        PLAYGROUND_ROUTES.styles,
        PLAYGROUND_ROUTES.me,
      ]) {
        const res = await send(`${stack.service.url}${path}`, { method: 'GET' });
        expect(res.status, path).toBe(404);
        expect(res.json).toMatchObject({ error: 'invalid_request' });
      }
      for (const path of [PLAYGROUND_ROUTES.clock, PLAYGROUND_ROUTES.faults]) {
        const res = await send(`${stack.service.url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"advance":3601,"fault":"status-503"}',
        });
        expect(res.status, path).toBe(404);
      }
      expect(stack.mock.faults.pending()).toBe(0);
    } finally {
      await stack.close();
    }
  });
});
