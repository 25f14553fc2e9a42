import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseStoreUrl } from '../../src/reference/parse-store-url.js';

const spec = (value: string) => {
  const parsed = parseStoreUrl(value);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.spec;
};
const problem = (value: string) => {
  const parsed = parseStoreUrl(value);
  return parsed.ok ? undefined : parsed.problem;
};

describe('parseStoreUrl', () => {
  it.each([
    ['memory:', 'memory', 'memory:'],
    ['memory://', 'memory', 'memory:'],
    [' MEMORY: ', 'memory', 'memory:'],
    ['sqlite:/var/lib/tokenswap/tokens.db', 'sqlite', 'sqlite:/var/lib/tokenswap/tokens.db'],
    ['sqlite:data/tokens.db', 'sqlite', 'sqlite:data/tokens.db'],
    ['sqlite:///abs/tokens.db', 'sqlite', 'sqlite:/abs/tokens.db'],
    ['sqlite:/t.db?driver=node:sqlite', 'sqlite', 'sqlite:/t.db?driver=node:sqlite'],
    ['redis://127.0.0.1:6379', 'redis', 'redis://127.0.0.1:6379'],
    ['redis://cache/2', 'redis', 'redis://cache/2'],
    ['rediss://user:pa55@cache.example:6380/0', 'redis', 'rediss://cache.example:6380/0'],
    [
      'redis+cluster://10.0.0.1:7000,10.0.0.2:7000',
      'redis',
      'redis+cluster://10.0.0.1:7000,10.0.0.2:7000',
    ],
    ['rediss+cluster://u:pw@node-a:6379/', 'redis', 'rediss+cluster://node-a:6379'],
    ['redis+cluster://[::1]:7000', 'redis', 'redis+cluster://[::1]:7000'],
  ])('%s → %s (%s)', (value, kind, description) => {
    expect(spec(value)).toMatchObject({ kind, description });
  });

  it.each([
    ['', 'empty'],
    ['postgres://db/x', "unknown store 'postgres:'"],
    ['/var/lib/tokens.db', 'unknown store without a scheme'],
    ['memory:foo', "'memory:' takes nothing after the colon"],
    ['sqlite:', 'sqlite store without a file path'],
    ['sqlite://host/x.db', 'sqlite URL with a host'],
    ['sqlite:/x.db?driver=mysql', 'sqlite driver must be one of auto, better-sqlite3, node:sqlite'],
    ['sqlite:/x.db?mode=ro', "unknown sqlite option 'mode'"],
    ['redis://', 'redis URL'],
    ['redis://host:99999', 'redis URL is malformed'],
    ['redis://host:6379/x', 'redis URL path must be a database number'],
    ['redis://host:6379?family=6', 'redis URL must not have a query or fragment'],
    ['redis+cluster://', 'redis+cluster URL is malformed'],
    ['redis+cluster://a:7000/0', 'redis+cluster URL is malformed'],
    ['redis+cluster://a:7000,b', 'redis+cluster nodes must be host:port'],
    ['redis+cluster://a:70000', 'redis+cluster nodes must be host:port'],
  ])('rejects %j: %s', (value, expected) => {
    expect(problem(value)).toContain(expected);
  });

  it('never repeats a password in a problem or description', () => {
    expect(problem('redis://u:hunter2@host:6379/abc')).not.toContain('hunter2');
    expect(spec('redis://u:hunter2@host:6379').description).not.toContain('hunter2');
    expect(JSON.stringify(parseStoreUrl('redis+cluster://u:hunter2@h:1,h:2/x'))).not.toContain(
      'hunter2',
    );
  });

  it('opens what it names', async () => {
    const memory = await spec('memory:').open();
    expect(memory.kind).toBe('memory');
    await memory.close();
    const dir = mkdtempSync(join(tmpdir(), 'tokenswap-url-'));
    try {
      const sqlite = await spec(`sqlite:${join(dir, 't.db')}`).open();
      expect(sqlite.kind).toBe('sqlite');
      await sqlite.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
