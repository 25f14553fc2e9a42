import { DEMO_CLIENT } from '@tokenswap/mock-accounts';
import { swapServiceEnv } from '@tokenswap/test-support';
import type { TestKey } from '@tokenswap/test-support/keys';

/** The demo client's secret: must never appear in any answer or log line. */
export const CLIENT_SECRET = DEMO_CLIENT.secret as string;
export const CLIENT_ID = DEMO_CLIENT.id;
export const SCOPES = ['user-read-email', 'user-read-private'];

/** Environment for a swap service in front of `mockUrl` with the demo client and `key`. */
export function serviceEnv(
  mockUrl: string,
  key: TestKey,
  extra: Record<string, string> = {},
): Record<string, string> {
  return swapServiceEnv(mockUrl, DEMO_CLIENT, key.spec, extra);
}
