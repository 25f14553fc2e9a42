import { afterEach, describe, expect, it } from 'vitest';
import { formatBanner } from '../src/banner.js';
import { ConfigurationError, startSwapService } from '../src/start-swap-service.js';
import { type Stack, startStack } from './helpers/stack.js';

// Regressions (issue 16): development mode bound every interface with HOST=0.0.0.0 while the
// banner said 127.0.0.1; TRUST_PROXY=true was accepted silently.
let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

describe('development mode stays on loopback', () => {
  it.each(['0.0.0.0', '::'])('HOST=%s is refused before anything listens', async (host) => {
    const started = startSwapService({ env: { HOST: host }, port: 0, logger: false });
    await expect(started).rejects.toBeInstanceOf(ConfigurationError);
    await expect(started).rejects.toThrow(/HOST: development mode .* listens on loopback only/);
  });

  it('the default binds 127.0.0.1, and the banner says where it listens', async () => {
    const service = await startSwapService({ env: {}, port: 0, logger: false });
    try {
      expect(service.app.server.address()).toMatchObject({ address: '127.0.0.1' });
      expect(formatBanner(service)).toMatch(/listening on 127\.0\.0\.1:\d+ \(this machine only\)/);
    } finally {
      await service.close();
    }
  });
});

describe('production banner and warnings', () => {
  it('TRUST_PROXY=true is logged as a warning at start-up and printed in the banner', async () => {
    const lines: string[] = [];
    stack = await startStack({
      env: { TRUST_PROXY: 'true' },
      logStream: { write: (line) => void lines.push(line) },
    });
    const warning = lines.map((line) => JSON.parse(line)).find((entry) => entry.level === 40);
    expect(warning?.msg).toMatch(/^TRUST_PROXY=true believes every X-Forwarded-For entry/);
    expect(formatBanner(stack.service)).toMatch(/\nWARNING: TRUST_PROXY=true believes/);
  });

  it('a wildcard HOST is shown as every interface, not as 127.0.0.1 alone', async () => {
    stack = await startStack();
    // Tests bind 127.0.0.1 only: the banner is shown the address a wildcard bind reports.
    const wildcard = { address: () => ({ address: '0.0.0.0', family: 'IPv4', port: 3000 }) };
    const service = { ...stack.service, app: { ...stack.service.app, server: wildcard } };
    expect(formatBanner(service as unknown as typeof stack.service)).toMatch(
      /listening on 0\.0\.0\.0:3000 \(every interface: reachable from other machines\)/,
    );
  });
});
