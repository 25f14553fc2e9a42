import { describe, expect, it } from 'vitest';
import { mockOptionsSchema } from '../src/config-schema.js';
import {
  DEMO_CLIENT,
  DEMO_USERS,
  MockConfigError,
  resolveConfig,
  SIX_MONTHS_SECONDS,
  startMockAccounts,
} from '../src/index.js';

describe('resolveConfig', () => {
  it('fills in the documented defaults, with the demo client and two demo users', () => {
    const config = resolveConfig();
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 0,
      autoApprove: false,
      rotation: 'pkce',
      codeTtlSeconds: 600,
      accessTokenTtlSeconds: 3600,
      refreshTokenLifetimeSeconds: SIX_MONTHS_SECONDS,
      maxStoreEntries: 100_000,
      freezeClock: false,
      logger: false,
    });
    expect(config.clients).toEqual([DEMO_CLIENT]);
    expect(DEMO_CLIENT).toEqual({
      id: 'tokenswap-demo-client',
      secret: 'tokenswap-demo-secret',
      name: 'tokenswap demo',
      redirectUris: ['http://127.0.0.1:8888/callback', 'tokenswap-demo://callback'],
    });
    expect(config.users.map((u) => u.id)).toEqual(['demo-alice', 'demo-bob']);
    expect(DEMO_USERS).toHaveLength(2);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('names every bad value by its dotted path', () => {
    let caught: unknown;
    try {
      resolveConfig({
        port: 70_000,
        rotation: 'sometimes' as never,
        codeTtlSeconds: -1,
        clients: [{ id: '', name: 'x', redirectUris: ['not a uri'] }],
        users: [
          { id: 'a', displayName: 'A', email: 'a@x', country: 'se', product: 'gold' as never },
        ],
        colour: 'blue',
      } as never);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(MockConfigError);
    expect((caught as MockConfigError).problems).toEqual([
      'colour: unknown option',
      'port: must be an integer from 0 to 65535',
      "rotation: must be 'off', 'always' or 'pkce'",
      'clients.0.id: must be a non-empty string of at most 512 characters',
      'clients.0.redirectUris.0: must be an absolute URI',
      'users.0.country: must be a two-letter upper-case country code',
      "users.0.product: must be 'premium' or 'free'",
      'codeTtlSeconds: must be a positive integer',
    ]);
  });

  it('names each bad option on its own, by its key (every option of the schema has a case)', () => {
    const client = { id: 'c', name: 'C', redirectUris: ['https://x.example/cb'] };
    const user = DEMO_USERS[0];
    const bad: Record<keyof typeof mockOptionsSchema.entries, [unknown, string]> = {
      host: ['', 'host: must be a non-empty string'],
      port: [-1, 'port: must be an integer from 0 to 65535'],
      rotation: ['never', "rotation: must be 'off', 'always' or 'pkce'"],
      startTime: [1.5, 'startTime: must be a non-negative integer (ms since the epoch)'],
      clients: [[{ ...client, pkceOnly: 'yes' }], 'clients.0.pkceOnly: must be a boolean'],
      users: [
        [{ ...user, email: 'x'.repeat(513) }],
        'users.0.email: must be a non-empty string of at most 512 characters',
      ],
      autoApprove: ['true', 'autoApprove: must be a boolean'],
      codeTtlSeconds: [0, 'codeTtlSeconds: must be a positive integer'],
      accessTokenTtlSeconds: [2 ** 53, 'accessTokenTtlSeconds: must be a positive integer'],
      refreshTokenLifetimeSeconds: [
        '60',
        'refreshTokenLifetimeSeconds: must be a positive integer',
      ],
      freezeClock: [1, 'freezeClock: must be a boolean'],
      maxStoreEntries: [0.5, 'maxStoreEntries: must be a positive integer'],
      maxJournalEntries: [-3, 'maxJournalEntries: must be a positive integer'],
      logger: [null, 'logger: must be a boolean'],
      logStream: [{ writes: () => {} }, 'logStream: must have a write(line) method'],
      randomBytes: [new Uint8Array(8), 'randomBytes: must be a function (size) => bytes'],
    };
    expect(Object.keys(bad).sort()).toEqual(Object.keys(mockOptionsSchema.entries).sort());
    for (const [key, [value, problem]] of Object.entries(bad)) {
      expect(() => resolveConfig({ [key]: value } as never), key).toThrow(MockConfigError);
      try {
        resolveConfig({ [key]: value } as never);
      } catch (error) {
        expect((error as MockConfigError).problems, key).toEqual([problem]);
      }
    }
  });

  it('refuses options that are not an object, and clients or users that are not objects', () => {
    expect(() => resolveConfig(null as never)).toThrow('options: must be an object');
    expect(() => resolveConfig({ clients: ['c'] } as never)).toThrow(
      'clients.0: must be an object',
    );
    expect(() => resolveConfig({ users: [7] } as never)).toThrow('users.0: must be an object');
  });

  it('refuses duplicate client ids and empty lists', () => {
    const client = { id: 'dup', secret: 's', name: 'D', redirectUris: ['https://x.example/cb'] };
    expect(() => resolveConfig({ clients: [client, client] })).toThrow(/clients.1.id: duplicate/);
    expect(() => resolveConfig({ users: [] })).toThrow(/users: must be a non-empty array/);
  });

  it('startMockAccounts fails before listening on bad options', async () => {
    await expect(startMockAccounts({ maxStoreEntries: 0 })).rejects.toBeInstanceOf(MockConfigError);
  });
});
