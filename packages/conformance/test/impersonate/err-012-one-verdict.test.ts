import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CASES } from '../../src/cases/index.js';
import { resolveOptions } from '../../src/resolve-options.js';
import { runCase } from '../../src/run-case.js';
import { openSession } from '../../src/session.js';
import { FAST } from '../helpers/fixtures.js';
import { findOnPath } from './spawn-fixture.js';

// Regression (issue 15, item 6): after the TLS endpoint reset a tunnel (the mock answered the
// 1.5 MiB code with 413 and closed), the proxy read the destroyed socket's cleared `localPort`
// as "never connected" and wrote a plaintext 502 into the established TLS tunnel. The Ruby
// server then answered 500 in most runs and passed in some: ERR-012 had no verdict. Now the
// same case, run 20 times against the same server, gets one.

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const quote = (value: string) => JSON.stringify(value);
const ruby = findOnPath('ruby');
const ERR_012 = CASES.find((c) => c.id === 'ERR-012');

async function verdicts(command: string, env: Record<string, string>): Promise<string[]> {
  if (ERR_012 === undefined) throw new Error('ERR-012 is gone from the catalogue');
  const options = resolveOptions({
    swapUrl: 'http://127.0.0.1:{port}/swap',
    refreshUrl: 'http://127.0.0.1:{port}/refresh',
    spawn: { command, env },
    impersonate: true,
    ...FAST,
    timeoutBoundMs: 6_000,
    slowDelayMs: 7_000,
  });
  const session = await openSession(options, { secondDeployment: false });
  const seen: string[] = [];
  try {
    for (let run = 0; run < 20; run++) {
      const result = await runCase(session.ctx, ERR_012);
      seen.push(`${result.status}${result.message ? `: ${result.message}` : ''}`);
    }
  } finally {
    await session.close();
  }
  return seen;
}

describe('ERR-012 through --impersonate gets one verdict in 20 runs', { timeout: 180_000 }, () => {
  it.skipIf(ruby === undefined && !process.env.CI)('a Ruby Net::HTTP server', async () => {
    if (ruby === undefined) throw new Error('ruby is required in CI: apt-get install -y ruby');
    const seen = await verdicts(`${quote(ruby)} ${quote(fixture('ruby-net-http-server.rb'))}`, {
      SPOTIFY_CLIENT_ID: '{client_id}',
      SPOTIFY_CLIENT_SECRET: '{client_secret}',
      SPOTIFY_CLIENT_CALLBACK_URL: '{redirect_uri}',
      PORT: '{port}',
    });
    expect(new Set(seen), seen.join('\n')).toEqual(new Set(['passed']));
  });

  it("a Node server on undici's EnvHttpProxyAgent", async () => {
    const seen = await verdicts(
      `${quote(process.execPath)} ${quote(fixture('node-undici-server.mjs'))}`,
      {
        SPOTIFY_CLIENT_ID: '{client_id}',
        SPOTIFY_CLIENT_SECRET: '{client_secret}',
        SPOTIFY_CLIENT_CALLBACK: '{redirect_uri}',
        PORT: '{port}',
      },
    );
    expect(new Set(seen), seen.join('\n')).toEqual(new Set(['passed']));
  });
});
