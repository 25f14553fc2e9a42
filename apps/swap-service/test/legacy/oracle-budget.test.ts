import { createCipheriv } from 'node:crypto';
import { DEMO_CLIENT, type MockAccounts, startMockAccounts } from '@tokenswap/mock-accounts';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { evpBytesToKey } from '../../src/legacy/index.js';
import { type SwapService, startSwapService } from '../../src/start-swap-service.js';
import { serviceEnv } from '../helpers/stack.js';
import { issueRefreshToken, postRefresh } from './helpers/migration-fixtures.js';

/**
 * Regression (issue 16): the legacy createCipher (aes-256-ctr) opener is a plaintext oracle.
 * Flipping ciphertext byte i by d turns plaintext byte p into p^d; the flip reaches the accounts
 * service exactly when p^d is still in the refresh-token alphabet. Here the oracle is read from
 * the mock's journal (a perfect version of the timing an attacker measures). Without a budget
 * 255 probes recover the byte; with the budget the probes stop answering after a few, and the
 * byte stays one of many candidates.
 */
const SECRET = 'rn-example-encryption-secret';
const ALPHABET = /^[A-Za-z0-9._~+/=-]$/;
const ATTACKER = '203.0.113.9';
const USER = '198.51.100.7';

let mock: MockAccounts | undefined;
let service: SwapService | undefined;
afterEach(async () => {
  await service?.close();
  await mock?.close();
  service = undefined;
  mock = undefined;
});

function createCipherHex(plaintext: string): string {
  const { key, iv } = evpBytesToKey(Buffer.from(SECRET), undefined, 32, 16);
  const cipher = createCipheriv('aes-256-ctr', key, iv);
  return Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]).toString('hex');
}

function flip(hex: string, index: number, delta: number): string {
  const bytes = Buffer.from(hex, 'hex');
  bytes[index] = (bytes[index] as number) ^ delta;
  return bytes.toString('hex');
}

async function start(extra: Record<string, string>, clock?: () => number): Promise<SwapService> {
  mock = await startMockAccounts();
  service = await startSwapService({
    env: serviceEnv(mock.url, {
      ENCRYPTION_SECRET: SECRET,
      ENCRYPTION_METHOD: 'aes-256-ctr',
      TRUST_PROXY: '1',
      ...extra,
    }),
    port: 0,
    logger: false,
    ...(clock === undefined ? {} : { clock }),
  });
  return service;
}

async function refreshFrom(client: string, token: string) {
  const response = await request(service?.refreshUrl as string, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': client },
    body: new URLSearchParams({ refresh_token: token }).toString(),
  });
  const body = (await response.body.json()) as Record<string, unknown>;
  return { status: response.statusCode, headers: response.headers, body };
}

const upstreamRefreshes = () =>
  (mock as MockAccounts).journal.entries().filter((e) => e.grantType === 'refresh_token').length;

/** Every plaintext byte consistent with what the probes showed (delta → reached upstream). */
function candidates(observed: ReadonlyMap<number, boolean>): number[] {
  const all = Array.from({ length: 256 }, (_, p) => p);
  return all.filter((p) =>
    [...observed].every(([d, reached]) => ALPHABET.test(String.fromCharCode(p ^ d)) === reached),
  );
}

/** What an oracle reveals about plaintext byte `p` for the deltas 1..`probes`. */
function oracleAnswers(p: number, probes: number): Map<number, boolean> {
  const answers = new Map<number, boolean>();
  for (let d = 1; d <= probes; d += 1) answers.set(d, ALPHABET.test(String.fromCharCode(p ^ d)));
  return answers;
}

/** Flips byte `index` through all 255 deltas from `client`; records what each probe revealed. */
async function probeByte(legacy: string, index: number, client: string) {
  const observed = new Map<number, boolean>();
  const statuses: number[] = [];
  for (let d = 1; d < 256; d += 1) {
    const before = upstreamRefreshes();
    const answer = await refreshFrom(client, flip(legacy, index, d));
    statuses.push(answer.status);
    if (answer.status !== 429) observed.set(d, upstreamRefreshes() > before);
  }
  return { observed, statuses };
}

describe('the createCipher oracle budget', () => {
  it('without a budget, 255 probes recover a plaintext byte (the attack is real)', async () => {
    await start({ LEGACY_FAILED_OPENS_MAX: '0' });
    const real = await issueRefreshToken(mock as MockAccounts, clientOf());
    const { observed, statuses } = await probeByte(createCipherHex(real), 5, ATTACKER);
    expect(statuses.every((status) => status === 400)).toBe(true);
    expect(candidates(observed)).toEqual([real.charCodeAt(5)]);
  });

  it('with the budget, the probes stop after LEGACY_FAILED_OPENS_MAX and the byte stays unknown', async () => {
    await start({ LEGACY_FAILED_OPENS_MAX: '5' });
    const real = await issueRefreshToken(mock as MockAccounts, clientOf());
    const legacy = createCipherHex(real);
    // Five probes say more about some characters than others ('.' or 'Z' answer in five); probe
    // a character that five answers cannot pin down, so the test shows what the budget withholds
    // and does not depend on the mock's random token. Without the budget it fails: 255 answers
    // leave one candidate, whatever the character.
    const index = [...real].findIndex(
      (char, i) => i >= 2 && candidates(oracleAnswers(char.charCodeAt(0), 5)).length > 32,
    );
    expect(index).toBeGreaterThan(0);
    const { observed, statuses } = await probeByte(legacy, index, ATTACKER);
    expect(statuses.filter((status) => status === 400)).toHaveLength(5);
    expect(statuses.slice(5).every((status) => status === 429)).toBe(true);
    expect(upstreamRefreshes()).toBeLessThanOrEqual(5);
    expect(candidates(observed).length).toBeGreaterThan(32);

    // Over budget: even the attacker's valid token waits (429 + Retry-After), unopened…
    const own = await refreshFrom(ATTACKER, legacy);
    expect(own.status).toBe(429);
    expect(own.body).toEqual({
      error: 'temporarily_unavailable',
      error_description: expect.stringMatching(
        /^too many failed legacy refresh tokens from this address; retry after \d+ s$/,
      ),
    });
    expect(Number(own.headers['retry-after'])).toBeGreaterThan(3000);
    // …while another address still refreshes its legacy token, and sealed tokens are untouched.
    const user = await refreshFrom(USER, legacy);
    expect(user.status).toBe(200);
    const sealed = await refreshFrom(ATTACKER, user.body.refresh_token as string);
    expect(sealed.status).toBe(200);
  });

  it('concurrent probes cannot overrun the budget', async () => {
    await start({ LEGACY_FAILED_OPENS_MAX: '3' });
    const real = await issueRefreshToken(mock as MockAccounts, clientOf());
    const legacy = createCipherHex(real);
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, d) => refreshFrom(ATTACKER, flip(legacy, 7, d + 1))),
    );
    expect(answers.filter((a) => a.status !== 429)).toHaveLength(3);
  });

  it('the budget opens again after the window', async () => {
    let now = Date.UTC(2027, 0, 1);
    await start(
      { LEGACY_FAILED_OPENS_MAX: '2', LEGACY_FAILED_OPENS_WINDOW_MS: '60000' },
      () => now,
    );
    const real = await issueRefreshToken(mock as MockAccounts, clientOf());
    const legacy = createCipherHex(real);
    for (const d of [1, 2])
      expect((await refreshFrom(ATTACKER, flip(legacy, 3, d))).status).toBe(400);
    expect((await refreshFrom(ATTACKER, legacy)).status).toBe(429);
    now += 60_000;
    expect((await refreshFrom(ATTACKER, legacy)).status).toBe(200);
  });
});

describe('LEGACY_SUNSET', () => {
  it('refuses legacy tokens unopened from the sunset on; sealed tokens keep working', async () => {
    let now = Date.UTC(2027, 0, 30, 12);
    await start({ LEGACY_SUNSET: '2027-01-31' }, () => now);
    const legacy = createCipherHex(await issueRefreshToken(mock as MockAccounts, clientOf()));
    const before = await postRefresh(service?.refreshUrl as string, legacy);
    expect(before.status).toBe(200);

    now = Date.UTC(2027, 0, 31);
    const calls = upstreamRefreshes();
    const legacy2 = createCipherHex(await issueRefreshToken(mock as MockAccounts, clientOf()));
    const after = await postRefresh(service?.refreshUrl as string, legacy2);
    expect(after.status).toBe(400);
    expect(after.body).toEqual({
      error: 'invalid_grant',
      error_description: 'Invalid refresh token',
    });
    expect(upstreamRefreshes()).toBe(calls);
    const sealed = await postRefresh(
      service?.refreshUrl as string,
      before.body.refresh_token as string,
    );
    expect(sealed.status).toBe(200);
  });
});

function clientOf() {
  return {
    id: DEMO_CLIENT.id,
    secret: DEMO_CLIENT.secret as string,
    redirectUri: DEMO_CLIENT.redirectUris[0] as string,
  };
}
