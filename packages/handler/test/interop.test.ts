import { fileURLToPath } from 'node:url';
import { formatKeyringSpec, generateKeySpec } from '@tokenswap/core';
import { DEMO_CLIENT, type MockAccounts, startMockAccounts } from '@tokenswap/mock-accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundle, RUNTIMES, startCommand } from './runtimes/runtimes.js';
import { type RunningRuntime, startRuntime } from './runtimes/spawn-runtime.js';

// A user moving between platforms keeps everyone logged in: with the same keyring a refresh
// token sealed by the handler on a runtime opens at the Fastify service, and the reverse.
const SERVICE = fileURLToPath(
  new URL('../../../apps/swap-service/dist/server.js', import.meta.url),
);

let mock: MockAccounts;
let env: Record<string, string>;
let service: RunningRuntime;
beforeAll(async () => {
  mock = await startMockAccounts();
  env = {
    SPOTIFY_CLIENT_ID: DEMO_CLIENT.id,
    SPOTIFY_CLIENT_SECRET: DEMO_CLIENT.secret as string,
    SPOTIFY_REDIRECT_URI: DEMO_CLIENT.redirectUris[0] as string,
    SPOTIFY_ACCOUNTS_URL: mock.url,
    TOKEN_ENCRYPTION_KEYS: formatKeyringSpec([generateKeySpec({ id: 'shared' })]),
    NODE_ENV: 'production',
    RATE_LIMIT_MAX: '0',
  };
  service = await startRuntime(`node ${JSON.stringify(SERVICE)}`, env);
});
afterAll(async () => {
  await service?.stop();
  await mock?.close();
});

async function post(url: string, form: Record<string, string>) {
  const response = await fetch(url, { method: 'POST', body: new URLSearchParams(form) });
  return { status: response.status, json: await response.json() };
}

const code = () => mock.mintCode({ scopes: ['user-read-email'] });

describe.each(RUNTIMES.filter((r) => r.name === 'workerd' || r.name === 'deno'))(
  'interop between the handler on $name and the Fastify service',
  (runtime) => {
    it('refreshes at the service what the handler sealed, and the reverse', async () => {
      const handler = await startRuntime(startCommand(runtime, await bundle(runtime)), env);
      try {
        const fromHandler = await post(`${handler.url}/swap`, { code: code() });
        expect(fromHandler.status).toBe(200);
        const atService = await post(`${service.url}/refresh`, {
          refresh_token: fromHandler.json.refresh_token,
        });
        expect(atService.status).toBe(200);
        expect(typeof atService.json.access_token).toBe('string');

        const fromService = await post(`${service.url}/swap`, { code: code() });
        expect(fromService.status).toBe(200);
        const atHandler = await post(`${handler.url}/refresh`, {
          refresh_token: fromService.json.refresh_token,
        });
        expect(atHandler.status).toBe(200);
        expect(typeof atHandler.json.access_token).toBe('string');
      } finally {
        await handler.stop();
      }
    });
  },
);
