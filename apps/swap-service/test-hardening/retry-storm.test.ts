import { startMockAccounts } from '@tokenswap/mock-accounts';
import { jsonOrUndefined } from '@tokenswap/test-support';
import { newTestKey } from '@tokenswap/test-support/keys';
import { describe, expect, it } from 'vitest';
import { startSwapService } from '../src/start-swap-service.js';
import { SCOPES, serviceEnv } from './support/env.js';
import { errorCodeOf, keepAlivePool, postForm, runPool } from './support/http.js';
import { bump } from './support/stats.js';

const LIMIT = 100;
const STORM = 400;

describe('retry storm', () => {
  it('with the rate limit on, a storm from one address gets exactly the limit through and JSON 429s with Retry-After; the accounts service sees only the limit', async () => {
    const mock = await startMockAccounts();
    const key = await newTestKey('storm');
    const service = await startSwapService({
      env: serviceEnv(mock.url, key, {
        RATE_LIMIT_MAX: String(LIMIT),
        RATE_LIMIT_WINDOW_MS: '60000',
        LOG_LEVEL: 'silent',
      }),
      port: 0,
      host: '127.0.0.1',
      logger: false,
    });
    const pool = keepAlivePool(service.url, 32);
    try {
      const first = await postForm(pool, '/swap', { code: mock.mintCode({ scopes: SCOPES }) });
      const sealed = String(
        (jsonOrUndefined(first.text) as { refresh_token?: unknown }).refresh_token,
      );
      mock.journal.clear();
      const statuses: Record<string, number> = {};
      const bad: string[] = [];
      await runPool(STORM, 32, async () => {
        const answer = await postForm(pool, '/refresh', { refresh_token: sealed });
        bump(statuses, String(answer.status));
        if (answer.status === 429) {
          const retryAfter = Number(answer.headers['retry-after']);
          if (errorCodeOf(answer.text) !== 'temporarily_unavailable' || !(retryAfter > 0)) {
            bad.push(`${answer.status} ${String(answer.headers['retry-after'])} ${answer.text}`);
          }
        } else if (answer.status !== 200) bad.push(`${answer.status} ${answer.text}`);
      });
      expect(bad.slice(0, 5)).toEqual([]);
      // The swap above used one of the window's requests.
      expect(statuses).toEqual({ 200: LIMIT - 1, 429: STORM - LIMIT + 1 });
      expect(mock.journal.entries()).toHaveLength(LIMIT - 1);
    } finally {
      await pool.close();
      await service.close();
      await mock.close();
    }
  });
});
