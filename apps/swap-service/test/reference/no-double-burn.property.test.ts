import { sleep } from '@tokenswap/test-support';
import { testKeyring } from '@tokenswap/test-support/keys';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/reference/memory-store.js';
import { ReferenceTokens } from '../../src/reference/reference-tokens.js';
import { RotatingUpstream } from './helpers/fixtures.js';

const CLIENT = 'tokenswap-demo-client';

describe('refresh under arbitrary interleavings', () => {
  it('three replicas never send Spotify a token it already rotated away, and every caller succeeds', async () => {
    const keyring = await testKeyring();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ replica: fc.nat(2), arriveAfterMs: fc.nat(40) }), {
          minLength: 2,
          maxLength: 12,
        }),
        fc.nat(25),
        async (calls, upstreamDelayMs) => {
          const store = createMemoryStore();
          const upstream = new RotatingUpstream();
          upstream.delayMs = upstreamDelayMs;
          const replicas = [0, 1, 2].map(
            () => new ReferenceTokens({ store, keyring, pollIntervalMs: 2 }),
          );
          const created = await replicas[0]?.create({
            clientId: CLIENT,
            refreshToken: upstream.issue(),
          });
          if (!created?.ok) throw new Error('create failed');
          const results = await Promise.all(
            calls.map(async ({ replica, arriveAfterMs }) => {
              await sleep(arriveAfterMs);
              return replicas[replica]?.refresh(created.value, CLIENT, upstream.refresh);
            }),
          );
          // A reused token would have been answered "Refresh token revoked" by the upstream.
          for (const result of results) expect(result?.ok).toBe(true);
          expect(upstream.calls).toBeLessThanOrEqual(calls.length);
          await store.close();
        },
      ),
      { numRuns: 25 },
    );
  }, 60_000);
});
