import { createMemoryStore } from './memory-store.js';
import { openRedisClusterStore, openRedisStore } from './redis-store.js';
import type { SqliteDriverName } from './sqlite-driver.js';
import { openSqliteStore } from './sqlite-store.js';
import type { ReferenceStore, StoreFactoryOptions, StoreKind } from './store.js';

/** A validated `TOKEN_STORE` value: what it names, and how to open it (at start-up). */
export interface StoreSpec {
  readonly kind: StoreKind;
  /** For logs: the URL without credentials (`redis://cache:6379/0`, `sqlite:/data/t.db`). */
  readonly description: string;
  /** Opens the store. SQLite loads its driver here; Redis connects here. */
  open(options?: StoreFactoryOptions): Promise<ReferenceStore>;
}

/** Outcome of {@link parseStoreUrl}: a spec, or one message saying what is wrong. */
export type ParsedStoreUrl = { ok: true; spec: StoreSpec } | { ok: false; problem: string };

const FORMS =
  "expected 'memory:', 'sqlite:/path/to/file.db', 'redis://host:port[/db]' or 'redis+cluster://host:port,host:port'";
const DRIVERS: readonly string[] = ['auto', 'better-sqlite3', 'node:sqlite'];

/**
 * Parses `TOKEN_STORE` once at start-up, without touching the network or disk:
 * - `memory:` — in-process (tests, `pnpm start`); lost on restart.
 * - `sqlite:/abs/file.db`, `sqlite:relative/file.db`, `sqlite:///abs/file.db` — an embedded file;
 *   `?driver=better-sqlite3|node:sqlite|auto` (default auto).
 * - `redis://[user:pass@]host[:port][/db]`, `rediss://…` — shared by several replicas.
 * - `redis+cluster://[user:pass@]host:port,host:port`, `rediss+cluster://…` — Redis Cluster
 *   (seed nodes; the others are discovered).
 *
 * Messages never repeat a password.
 *
 * @example
 * ```ts
 * const parsed = parseStoreUrl(env.TOKEN_STORE ?? 'memory:');
 * if (!parsed.ok) throw new Error(`TOKEN_STORE: ${parsed.problem}`);
 * const store = await parsed.spec.open();
 * ```
 */
export function parseStoreUrl(value: string): ParsedStoreUrl {
  const trimmed = value.trim();
  if (trimmed === '') return { ok: false, problem: `empty; ${FORMS}` };
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed)?.[1]?.toLowerCase();
  switch (scheme) {
    case 'memory':
      return parseMemory(trimmed);
    case 'sqlite':
      return parseSqlite(trimmed.slice('sqlite:'.length));
    case 'redis':
    case 'rediss':
      return parseRedis(trimmed);
    case 'redis+cluster':
    case 'rediss+cluster':
      return parseRedisCluster(trimmed);
    default:
      return {
        ok: false,
        // A scheme is echoed only when it reads like one: `secret:…` must not print the secret.
        problem: `unknown store ${scheme === undefined ? 'without a scheme' : /^[a-z]{1,12}$/i.test(scheme) ? `'${scheme}:'` : 'scheme'}; ${FORMS}`,
      };
  }
}

function parseMemory(value: string): ParsedStoreUrl {
  if (!/^memory:(\/\/)?$/i.test(value)) {
    return { ok: false, problem: "'memory:' takes nothing after the colon" };
  }
  return {
    ok: true,
    spec: { kind: 'memory', description: 'memory:', open: async (o) => createMemoryStore(o) },
  };
}

function parseSqlite(rest: string): ParsedStoreUrl {
  const [rawPath = '', query] = splitOnce(rest, '?');
  let path = rawPath;
  if (path.startsWith('//')) {
    // URL form: sqlite:///abs/file.db (empty host). A host would be meaningless here.
    if (!path.startsWith('///')) {
      return { ok: false, problem: "sqlite URL with a host; use 'sqlite:///abs/path.db'" };
    }
    path = path.slice(2);
  }
  if (path === '')
    return {
      ok: false,
      problem: "sqlite store without a file path; e.g. 'sqlite:/data/tokens.db'",
    };
  if (path.includes('\u0000'))
    return { ok: false, problem: 'sqlite path contains a NUL character' };
  let driver: SqliteDriverName | 'auto' = 'auto';
  if (query !== undefined) {
    const params = new URLSearchParams(query);
    for (const name of params.keys()) {
      if (name !== 'driver')
        return {
          ok: false,
          problem: `unknown sqlite option${/^[a-z_]{1,20}$/i.test(name) ? ` '${name}'` : ''}; only 'driver'`,
        };
    }
    const wanted = params.get('driver') ?? 'auto';
    if (!DRIVERS.includes(wanted)) {
      return { ok: false, problem: `sqlite driver must be one of ${DRIVERS.join(', ')}` };
    }
    driver = wanted as SqliteDriverName | 'auto';
  }
  const description = `sqlite:${path}${driver === 'auto' ? '' : `?driver=${driver}`}`;
  return {
    ok: true,
    spec: {
      kind: 'sqlite',
      description,
      open: (o) => openSqliteStore({ ...o, path, driver }),
    },
  };
}

function parseRedis(value: string): ParsedStoreUrl {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, problem: 'redis URL is malformed; e.g. redis://127.0.0.1:6379' };
  }
  if (url.hostname === '') return { ok: false, problem: 'redis URL without a host' };
  if (url.search !== '' || url.hash !== '') {
    return { ok: false, problem: 'redis URL must not have a query or fragment' };
  }
  if (url.pathname !== '' && url.pathname !== '/' && !/^\/\d{1,2}$/.test(url.pathname)) {
    return { ok: false, problem: 'redis URL path must be a database number, e.g. /0' };
  }
  const safe = new URL(url.href);
  safe.username = '';
  safe.password = '';
  const description = safe.href.replace(/\/$/, '');
  return {
    ok: true,
    spec: {
      kind: 'redis',
      description,
      open: (o) => openRedisStore({ ...o, url: url.href }),
    },
  };
}

const CLUSTER_URL = /^(rediss?)\+cluster:\/\/(?:([^@/]*)@)?([^/?#@]+)\/?$/i;
const NODE = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+):(\d{1,5})$/i;

function parseRedisCluster(value: string): ParsedStoreUrl {
  const match = CLUSTER_URL.exec(value);
  if (match === null) {
    return {
      ok: false,
      problem: 'redis+cluster URL is malformed; e.g. redis+cluster://10.0.0.1:6379,10.0.0.2:6379',
    };
  }
  const [, scheme = 'redis', userinfo, hostList = ''] = match;
  const nodes: { host: string; port: number }[] = [];
  for (const item of hostList.split(',')) {
    const node = NODE.exec(item.trim());
    const port = Number(node?.[2]);
    if (node === null || !(port >= 1 && port <= 65_535)) {
      return { ok: false, problem: 'redis+cluster nodes must be host:port, separated by commas' };
    }
    nodes.push({ host: (node[1] ?? '').replace(/^\[|\]$/g, ''), port });
  }
  const [user, password] = userinfo === undefined ? [] : splitOnce(userinfo, ':');
  const credentials = {
    ...(user === undefined || user === '' ? {} : { username: decodeURIComponent(user) }),
    ...(password === undefined ? {} : { password: decodeURIComponent(password) }),
  };
  return {
    ok: true,
    spec: {
      kind: 'redis',
      description: `${scheme.toLowerCase()}+cluster://${nodes.map((n) => `${n.host.includes(':') ? `[${n.host}]` : n.host}:${n.port}`).join(',')}`,
      open: (o) =>
        openRedisClusterStore({
          ...o,
          nodes,
          ...credentials,
          tls: scheme.toLowerCase() === 'rediss',
        }),
    },
  };
}

function splitOnce(value: string, separator: string): [string, string | undefined] {
  const at = value.indexOf(separator);
  return at === -1 ? [value, undefined] : [value.slice(0, at), value.slice(at + 1)];
}
