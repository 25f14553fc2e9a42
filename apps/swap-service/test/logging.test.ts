import { importKeyring, openRefreshToken, parseKeyringSpec } from '@tokenswap/core';
import { DEMO_CLIENT } from '@tokenswap/mock-accounts';
import { post, send } from '@tokenswap/test-support';
import { describe, expect, it } from 'vitest';
import { startStack } from './helpers/stack.js';

describe('logs', () => {
  it('never contain a code, a token, the Authorization header or the client secret', async () => {
    const lines: string[] = [];
    const stack = await startStack({
      mock: { rotation: 'always' },
      logStream: { write: (line) => void lines.push(line) },
    });
    const secrets: string[] = [DEMO_CLIENT.secret as string];
    secrets.push(Buffer.from(`${DEMO_CLIENT.id}:${DEMO_CLIENT.secret}`).toString('base64'));
    try {
      const code = stack.mintCode();
      secrets.push(code);
      const swapped = await post(stack.service.swapUrl, { code });
      expect(swapped.status).toBe(200);
      const refreshed = await post(stack.service.refreshUrl, {
        refresh_token: swapped.json.refresh_token,
      });
      expect(refreshed.status).toBe(200);
      secrets.push(
        swapped.json.access_token,
        swapped.json.refresh_token,
        refreshed.json.access_token,
        refreshed.json.refresh_token,
      );
      // The real upstream refresh tokens behind the sealed ones.
      const specs = parseKeyringSpec(stack.env.TOKEN_ENCRYPTION_KEYS as string);
      const keyring = specs.ok ? await importKeyring(specs.value) : undefined;
      if (keyring === undefined || !keyring.ok) throw new Error('keyring');
      for (const sealed of [swapped.json.refresh_token, refreshed.json.refresh_token]) {
        const real = await openRefreshToken(sealed, keyring.value, { clientId: DEMO_CLIENT.id });
        if (!real.ok) throw real.error;
        secrets.push(real.value);
      }

      // Error paths: reused code, code in the query string, an Authorization header, bad JSON
      // quoting a code, a tampered token, an upstream failure logged with its cause.
      await post(stack.service.swapUrl, { code });
      const queryCode = stack.mintCode();
      secrets.push(queryCode);
      await send(`${stack.service.swapUrl}?code=${queryCode}`, {
        method: 'POST',
        headers: {
          authorization: 'Bearer AUTHZ-HEADER-VALUE',
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: `code=${queryCode}`,
      });
      secrets.push('AUTHZ-HEADER-VALUE');
      await post(stack.service.swapUrl, `{"code":"JSON-CODE-VALUE"`, 'application/json');
      secrets.push('JSON-CODE-VALUE');
      await post(stack.service.refreshUrl, { refresh_token: `${swapped.json.refresh_token}x` });
      stack.mock.faults.inject('token', { kind: 'status', status: 500 });
      await post(stack.service.refreshUrl, { refresh_token: refreshed.json.refresh_token });
      stack.mock.faults.inject('token', { kind: 'reset' });
      await post(stack.service.refreshUrl, { refresh_token: refreshed.json.refresh_token });
    } finally {
      await stack.close();
    }

    const log = lines.join('');
    expect(lines.length).toBeGreaterThan(10);
    expect(log).toContain('"reqId"');
    expect(log).toContain('request completed');
    expect(log).toContain('"level":50'); // the upstream failures were logged as errors
    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThan(8);
      expect(log.includes(secret), `log contains ${secret.slice(0, 6)}…`).toBe(false);
    }
  });
});
