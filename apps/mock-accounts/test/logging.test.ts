import { describe, expect, it } from 'vitest';
import { startMockAccounts } from '../src/index.js';
import { CLIENT_SECRET, exchange, postToken, REDIRECT_URI } from './helpers.js';

describe('logging', () => {
  it('never writes codes, tokens or secrets, even when they arrive in the query string', async () => {
    const lines: string[] = [];
    const mock = await startMockAccounts({
      logger: true,
      logStream: { write: (line: string) => lines.push(line) },
    });
    try {
      const code = mock.mintCode();
      const tokens = (await exchange(mock.url, code)).json as { refresh_token: string };
      const second = mock.mintCode();
      await postToken(
        mock.url,
        {},
        {
          authorization: null,
          query: {
            grant_type: 'authorization_code',
            code: second,
            redirect_uri: REDIRECT_URI,
            client_id: 'tokenswap-demo-client',
            client_secret: CLIENT_SECRET,
          },
        },
      );
      await postToken(mock.url, {
        grant_type: 'refresh_token',
        refresh_token: tokens.refresh_token,
      });
      const log = lines.join('');
      expect(log).toContain('/api/token');
      for (const secret of [code, second, tokens.refresh_token, CLIENT_SECRET]) {
        expect(log).not.toContain(secret);
      }
    } finally {
      await mock.close();
    }
  });
});
