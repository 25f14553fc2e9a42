import { post, send } from '@tokenswap/test-support';
import { newKeyEntry } from '@tokenswap/test-support/keys';
import { afterEach, describe, expect, it } from 'vitest';
import { type SwapService, startSwapService } from '../src/start-swap-service.js';
import { type Stack, startStack } from './helpers/stack.js';

let stack: Stack | undefined;
const services: SwapService[] = [];
afterEach(async () => {
  await Promise.all(services.splice(0).map((service) => service.close()));
  await stack?.close();
  stack = undefined;
});

async function serviceWithKeys(s: Stack, keys: string): Promise<SwapService> {
  const service = await startSwapService({
    env: { ...s.env, TOKEN_ENCRYPTION_KEYS: keys },
    port: 0,
    logger: false,
  });
  services.push(service);
  return service;
}

function counted(metrics: string, keyId: string): number | undefined {
  const line = metrics
    .split('\n')
    .find((l) => l.startsWith(`tokenswap_sealed_refresh_total{key_id="${keyId}"}`));
  return line === undefined ? undefined : Number(line.split(' ').pop());
}

describe('key rotation moves tokens onto the primary key (issue 16, keys and tokens)', () => {
  it('re-seals a token opened with an older key, counts refreshes per key id, and lets the old key go', async () => {
    const k0 = newKeyEntry('k0');
    // Mock rotation 'pkce': a secret-based grant never rotates, so only the re-seal can move it.
    stack = await startStack({ env: { TOKEN_ENCRYPTION_KEYS: k0 } });
    const swapped = await post(stack.service.swapUrl, { code: stack.mintCode() });
    expect(swapped.json.refresh_token).toMatch(/^v1\.k0\./);

    const k1 = newKeyEntry('k1');
    const rotated = await serviceWithKeys(stack, `${k1},${k0}`);
    const moved = await post(rotated.refreshUrl, { refresh_token: swapped.json.refresh_token });
    expect(moved.status).toBe(200);
    expect(moved.json.refresh_token).toMatch(/^v1\.k1\./);

    // Under the primary key and not rotated upstream: no new refresh_token, as before.
    const again = await post(rotated.refreshUrl, { refresh_token: moved.json.refresh_token });
    expect(again.status).toBe(200);
    expect(again.json.refresh_token).toBeUndefined();

    const metrics = (await send(`${rotated.url}/metrics`, { method: 'GET' })).text;
    expect(counted(metrics, 'k0')).toBe(1);
    expect(counted(metrics, 'k1')).toBe(1);

    // k0 retired: the user who refreshed keeps working; a token nobody moved is refused.
    const retired = await serviceWithKeys(stack, k1);
    const after = await post(retired.refreshUrl, { refresh_token: moved.json.refresh_token });
    expect(after.status).toBe(200);
    const stale = await post(retired.refreshUrl, { refresh_token: swapped.json.refresh_token });
    expect(stale.status).toBe(400);
    expect(stale.json).toEqual({
      error: 'invalid_grant',
      error_description: 'Invalid refresh token',
    });
  });
});
