import { createServer } from 'node:net';
import { importKeyring } from '@tokenswap/core';
import { DEMO_CLIENT, type MockAccounts, startMockAccounts } from '@tokenswap/mock-accounts';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { parseConfig } from '../../src/config.js';
import { playgroundPlugin, playgroundRedirectUri } from '../../src/playground/index.js';
import { serviceEnv } from '../helpers/stack.js';

/** A free port on 127.0.0.1 (bound, read, released). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface PlaygroundStack {
  url: string;
  /** Id of the key that seals refresh tokens. */
  keyId: string;
  mock: MockAccounts;
  app: FastifyInstance;
  close(): Promise<void>;
}

/** TEMPORARY (until dev mode wires the playground): the dev-mode stack, assembled by hand. */
export async function startPlaygroundStack(
  env: Record<string, string> = {},
): Promise<PlaygroundStack> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const redirectUri = playgroundRedirectUri(url);
  const mock = await startMockAccounts({
    clients: [{ ...DEMO_CLIENT, redirectUris: [redirectUri, ...DEMO_CLIENT.redirectUris] }],
  });
  const parsed = parseConfig(serviceEnv(mock.url, { SPOTIFY_REDIRECT_URI: redirectUri, ...env }), {
    development: true,
  });
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  const keyring = await importKeyring(parsed.config.keySpecs);
  if (!keyring.ok) throw keyring.error;
  const app = await buildApp({ config: parsed.config, keyring: keyring.value, logger: false });
  await app.register(playgroundPlugin, {
    mockUrl: mock.url,
    clientId: DEMO_CLIENT.id,
    swapPath: parsed.config.paths.swap,
    refreshPath: parsed.config.paths.refresh,
    redirectUri,
    upstreamTimeoutMs: parsed.config.upstreamTimeoutMs,
  });
  await app.listen({ host: '127.0.0.1', port });
  return {
    url,
    keyId: parsed.config.keySpecs[0]?.id ?? '',
    mock,
    app,
    close: async () => {
      await app.close();
      await mock.close();
    },
  };
}
