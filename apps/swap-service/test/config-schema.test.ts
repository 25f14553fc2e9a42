import { newKeyEntry } from '@tokenswap/test-support/keys';
import { describe, expect, it } from 'vitest';
import { ENV_NAMES, envSchema, referenceSchema } from '../src/config/env-schema.js';
import { openStoreOf, parseReferenceConfig } from '../src/config/reference-config.js';
import { parseConfig, parseListenAddress } from '../src/config.js';

const BASE = {
  SPOTIFY_CLIENT_ID: 'client-id',
  SPOTIFY_CLIENT_SECRET: 'super-secret-value',
  SPOTIFY_REDIRECT_URI: 'myapp://callback',
  TOKEN_ENCRYPTION_KEYS: newKeyEntry('k1'),
};

describe('one configuration schema', () => {
  it('names every variable once, service and reference mode together', () => {
    const names = [...Object.keys(envSchema.entries), ...Object.keys(referenceSchema.entries)];
    expect(ENV_NAMES).toEqual(names);
    expect(new Set(ENV_NAMES).size).toBe(ENV_NAMES.length);
    expect(ENV_NAMES).toEqual(expect.arrayContaining(['TOKEN_STORE', 'TOKENSWAP_APPS', 'PORT']));
  });

  it('refuses a misspelt variable of a claimed prefix, accepts every known one', () => {
    const typo = parseConfig({ ...BASE, TOKEN_STOER: 'memory:' });
    expect(typo.ok ? [] : typo.problems).toContain(
      'TOKEN_STOER: unknown variable (not read by tokenswap; check the spelling)',
    );
    const all = Object.fromEntries(ENV_NAMES.map((name) => [name, 'x']));
    const result = parseConfig(all);
    expect(result.ok ? [] : result.problems.filter((p) => p.includes('unknown variable'))).toEqual(
      [],
    );
  });

  it('keeps each value once: the first client is apps[0], not a listed copy', () => {
    const result = parseConfig(BASE);
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(Object.keys(result.config)).not.toContain('client');
    expect(Object.keys(result.config)).not.toContain('redirectUri');
    expect(JSON.stringify(result.config)).not.toContain('"client"');
    expect(result.config.apps[0]?.clientId).toBe('client-id');
  });

  it('reads HOST and PORT for the development port with the same schema', () => {
    expect(parseListenAddress({ PORT: '8080' }, { development: true })).toEqual({
      host: '127.0.0.1',
      port: 8080,
      portExplicit: true,
    });
    expect(parseListenAddress({})).toEqual({ host: '0.0.0.0', port: 3000, portExplicit: false });
    expect(parseListenAddress({ PORT: 'eighty' })).toBeUndefined();
    expect(parseListenAddress({ PORT: '70000' })).toBeUndefined();
  });

  it('parses TOKEN_STORE once: the settings carry the opener of the store they name', async () => {
    const parsed = parseReferenceConfig(
      { TOKEN_MODE: 'reference', TOKEN_STORE: 'memory:' },
      {
        development: true,
      },
    );
    if (parsed.reference === null) throw new Error(parsed.problems.join('\n'));
    const store = await openStoreOf(parsed.reference)();
    expect(await store.ping()).toBeUndefined();
    await store.close();
    expect(() => openStoreOf({ ...parsed.reference } as never)).toThrow(TypeError);
  });
});
