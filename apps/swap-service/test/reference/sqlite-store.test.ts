import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { probeSqliteDriver, type SqliteDriverName } from '../../src/reference/sqlite-driver.js';
import { openSqliteStore } from '../../src/reference/sqlite-store.js';
import { isStoreUnavailable } from '../../src/reference/store-unavailable.js';
import { describeStoreContract } from './helpers/store-contract.js';

const dir = mkdtempSync(join(tmpdir(), 'tokenswap-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const newFile = () => join(dir, `store-${++files}.db`);

// better-sqlite3 is a native addon built for one Node ABI; node:sqlite exists from Node 22.5.
// Each driver's contract runs where it loads; CI must have at least one (checked below).
const probes = {
  'better-sqlite3': await probeSqliteDriver('better-sqlite3'),
  'node:sqlite': await probeSqliteDriver('node:sqlite'),
} satisfies Record<SqliteDriverName, unknown>;

for (const [driver, probe] of Object.entries(probes) as [
  SqliteDriverName,
  (typeof probes)['node:sqlite'],
][]) {
  if (probe.ok) {
    describeStoreContract(`sqlite (${driver}, file)`, (clock) =>
      openSqliteStore({ path: newFile(), driver, clock }),
    );
  } else {
    describe.skip(`store contract: sqlite (${driver}) — driver does not load on Node ${process.versions.node}: ${probe.reason}`, () => {
      it('skipped', () => undefined);
    });
  }
}

describe('sqlite store', () => {
  it('loads at least one driver on this Node', () => {
    expect(probes['better-sqlite3'].ok || probes['node:sqlite'].ok).toBe(true);
  });

  it("'auto' prefers better-sqlite3 and falls back to node:sqlite", async () => {
    const store = await openSqliteStore({ path: newFile() });
    expect(store.driver).toBe(probes['better-sqlite3'].ok ? 'better-sqlite3' : 'node:sqlite');
    await store.close();
  });

  it('keeps entries across close and reopen of the file', async () => {
    const path = newFile();
    const first = await openSqliteStore({ path });
    const entry = {
      key: 'k1',
      clientId: 'c',
      sealedToken: 'v1.k.x',
      version: 1,
      authorizedAt: 1,
      expiresAt: Date.now() + 1000,
    };
    await first.create(entry);
    await first.close();
    const second = await openSqliteStore({ path });
    expect(await second.get('k1')).toStrictEqual(entry);
    await second.close();
  });

  it('two connections to one file share locks (replicas on one host)', async () => {
    const path = newFile();
    const a = await openSqliteStore({ path });
    const b = await openSqliteStore({ path });
    const token = await a.acquireLock('k', 10_000);
    expect(token).toEqual(expect.any(String));
    expect(await b.acquireLock('k', 10_000)).toBeUndefined();
    await a.releaseLock('k', token as string);
    expect(await b.acquireLock('k', 10_000)).toEqual(expect.any(String));
    await a.close();
    await b.close();
  });

  it('a file locked by another writer is an outage (StoreUnavailable), and recovers', async () => {
    const path = newFile();
    const store = await openSqliteStore({ path, busyTimeoutMs: 50 });
    // Hold the write lock from another connection, as a long migration or backup would.
    const { openSqlite } = await import('../../src/reference/sqlite-driver.js');
    const raw = await openSqlite(path, store.driver, 50);
    raw.db.exec('BEGIN IMMEDIATE');
    const error = await store.acquireLock('k', 1000).catch((e: unknown) => e);
    expect(isStoreUnavailable(error)).toBe(true);
    raw.db.exec('COMMIT');
    raw.db.close();
    expect(await store.acquireLock('k', 1000)).toEqual(expect.any(String));
    await store.close();
  });

  it('fails to open, with a plain error, when the directory does not exist', async () => {
    await expect(openSqliteStore({ path: join(dir, 'missing', 'x.db') })).rejects.toThrow();
  });
});
