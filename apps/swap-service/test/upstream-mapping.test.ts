import { DEMO_CLIENT } from '@tokenswap/mock-accounts';
import { closeAfterEach, pkcePair, post } from '@tokenswap/test-support';
import { afterEach, describe, expect, it } from 'vitest';
import { startStack } from './helpers/stack.js';

// Regressions (issue 16): core's upstream mapping, seen through the real service and the real
// mock. The app hears what it can fix; the operator's misconfiguration stays in the log.
const closeLater = closeAfterEach(afterEach);

describe('upstream errors through the service', () => {
  it('a PKCE code swapped without its verifier is 400 invalid_request, not a 502', async () => {
    const stack = closeLater(await startStack());
    const { challenge } = await pkcePair();
    const answer = await post(stack.service.swapUrl, {
      code: stack.mintCode({ codeChallenge: challenge }),
    });
    expect(answer.status).toBe(400);
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.json).toEqual({
      error: 'invalid_request',
      error_description:
        'code_verifier is required: the code was issued for a PKCE authorization request',
    });
  });

  it('an upstream invalid_client is logged for the operator; the app gets a generic server_error', async () => {
    const lines: string[] = [];
    const stack = closeLater(
      await startStack({
        env: { SPOTIFY_CLIENT_SECRET: 'not-the-demo-secret' },
        logStream: { write: (line) => void lines.push(line) },
      }),
    );
    const answer = await post(stack.service.swapUrl, { code: stack.mintCode() });
    expect(answer.status).toBe(502);
    expect(answer.json).toEqual({
      error: 'server_error',
      error_description:
        "The accounts service rejected this server's token request; the server's operator must check its configuration",
    });
    expect(answer.text).not.toMatch(/invalid_client|Invalid client/);
    const logged = lines.filter((line) => line.includes('invalid_client'));
    expect(logged.length).toBeGreaterThan(0);
    expect(JSON.parse(logged[0] as string).level).toBe(50);
    for (const line of lines) {
      expect(line).not.toContain('not-the-demo-secret');
      expect(line).not.toContain(DEMO_CLIENT.secret as string);
    }
  });
});
