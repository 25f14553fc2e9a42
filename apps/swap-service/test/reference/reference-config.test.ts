import { describe, expect, it } from 'vitest';
import { parseReferenceConfig } from '../../src/reference/reference-config.js';

describe('parseReferenceConfig', () => {
  it('defaults to sealed mode with nothing else', () => {
    expect(parseReferenceConfig({})).toStrictEqual({
      tokenMode: 'sealed',
      reference: null,
      problems: [],
    });
  });

  it('reads reference mode with a store and the default 182-day lifetime', () => {
    expect(
      parseReferenceConfig({ TOKEN_MODE: 'reference', TOKEN_STORE: 'redis://u:pw@cache:6379/1' }),
    ).toStrictEqual({
      tokenMode: 'reference',
      reference: {
        storeUrl: 'redis://u:pw@cache:6379/1',
        storeDescription: 'redis://cache:6379/1',
        storeKind: 'redis',
        refreshTokenLifetimeDays: 182,
        purgeIntervalMinutes: 60,
      },
      problems: [],
    });
  });

  it('takes a configured lifetime', () => {
    const parsed = parseReferenceConfig({
      TOKEN_MODE: 'reference',
      TOKEN_STORE: 'sqlite:/data/t.db',
      REFRESH_TOKEN_LIFETIME_DAYS: '30',
    });
    expect(parsed.reference).toMatchObject({ storeKind: 'sqlite', refreshTokenLifetimeDays: 30 });
  });

  it('requires TOKEN_STORE in production reference mode, defaults to memory: in development', () => {
    expect(parseReferenceConfig({ TOKEN_MODE: 'reference' }).problems).toStrictEqual([
      "TOKEN_STORE: is required with TOKEN_MODE=reference: 'sqlite:/path/tokens.db', 'redis://host:6379' or 'memory:' (lost on restart)",
    ]);
    expect(
      parseReferenceConfig({ TOKEN_MODE: 'reference' }, { development: true }).reference,
    ).toMatchObject({
      storeKind: 'memory',
    });
  });

  it('reports every problem, naming the variable, never a password', () => {
    const parsed = parseReferenceConfig({
      TOKEN_MODE: 'reference',
      TOKEN_STORE: 'redis://u:hunter2@host:6379/x',
      REFRESH_TOKEN_LIFETIME_DAYS: '0',
    });
    expect(parsed.reference).toBeNull();
    expect(parsed.problems).toStrictEqual([
      'REFRESH_TOKEN_LIFETIME_DAYS: must be a whole number of days from 1 to 3650',
      'TOKEN_STORE: redis URL path must be a database number, e.g. /0',
    ]);
    expect(parsed.problems.join()).not.toContain('hunter2');
  });

  it.each(['-1', '3651', '1.5', 'six months', '99999'])('rejects lifetime %j', (days) => {
    const parsed = parseReferenceConfig({
      TOKEN_MODE: 'reference',
      TOKEN_STORE: 'sqlite:/data/t.db',
      REFRESH_TOKEN_LIFETIME_DAYS: days,
    });
    expect(parsed.problems).toStrictEqual([
      'REFRESH_TOKEN_LIFETIME_DAYS: must be a whole number of days from 1 to 3650',
    ]);
  });

  it('rejects an unknown mode, and reference-only variables in sealed mode', () => {
    expect(parseReferenceConfig({ TOKEN_MODE: 'stored' }).problems).toStrictEqual([
      'TOKEN_MODE: must be sealed or reference',
    ]);
    expect(
      parseReferenceConfig({ TOKEN_STORE: 'memory:', REFRESH_TOKEN_LIFETIME_DAYS: '30' }).problems,
    ).toStrictEqual([
      'TOKEN_STORE: only used with TOKEN_MODE=reference',
      'REFRESH_TOKEN_LIFETIME_DAYS: only used with TOKEN_MODE=reference',
    ]);
  });

  it('regression: refuses memory: in production unless TOKEN_STORE_ALLOW_MEMORY=true', () => {
    const env = { TOKEN_MODE: 'reference', TOKEN_STORE: 'memory:' };
    expect(parseReferenceConfig(env).problems).toStrictEqual([
      "TOKEN_STORE: 'memory:' loses every handle when the process stops (all users logged out at each deploy); use sqlite: or redis:, or set TOKEN_STORE_ALLOW_MEMORY=true to accept that",
    ]);
    expect(parseReferenceConfig({ ...env, TOKEN_STORE_ALLOW_MEMORY: 'true' }).problems).toEqual([]);
    expect(parseReferenceConfig(env, { development: true }).problems).toEqual([]);
    expect(parseReferenceConfig({ ...env, TOKEN_STORE_ALLOW_MEMORY: 'yes' }).problems).toContain(
      'TOKEN_STORE_ALLOW_MEMORY: must be true or false',
    );
  });

  it('takes a purge interval in minutes (1 to 1440), default 60', () => {
    const env = { TOKEN_MODE: 'reference', TOKEN_STORE: 'sqlite:/data/t.db' };
    expect(parseReferenceConfig(env).reference?.purgeIntervalMinutes).toBe(60);
    expect(
      parseReferenceConfig({ ...env, TOKEN_STORE_PURGE_MINUTES: '5' }).reference
        ?.purgeIntervalMinutes,
    ).toBe(5);
    expect(parseReferenceConfig({ ...env, TOKEN_STORE_PURGE_MINUTES: '0' }).problems).toStrictEqual(
      ['TOKEN_STORE_PURGE_MINUTES: must be a whole number of minutes from 1 to 1440'],
    );
  });

  it('treats blank values as unset', () => {
    expect(parseReferenceConfig({ TOKEN_MODE: ' ', TOKEN_STORE: '' })).toStrictEqual({
      tokenMode: 'sealed',
      reference: null,
      problems: [],
    });
  });
});
