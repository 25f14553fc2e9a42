import { fileURLToPath } from 'node:url';
import { SWAP_SERVICE_ENTRY } from '@tokenswap/test-support/swap-service-process';
import type { ConformanceOptions } from '../../src/index.js';

/** The deliberately broken (and one correct) servers in test/fixtures, by file name. */
export type FixtureName =
  | 'correct'
  | 'clear-refresh'
  | 'error-500'
  | 'no-store'
  | 'hanging'
  | 'reference';

/** Each fixture reads its own env names; this is the prefix each one chose. */
const ENV_PREFIX: Record<FixtureName, string> = {
  correct: 'GOOD',
  'clear-refresh': 'CLEAR',
  'error-500': 'BADCODE',
  'no-store': 'NOSTORE',
  hanging: 'HANG',
  reference: 'REF',
};

export function fixturePath(name: FixtureName): string {
  return fileURLToPath(new URL(`../fixtures/${name}-server.mjs`, import.meta.url));
}

/**
 * Small bounds so a full run stays fast: fixtures give up on upstream after 1 s, the suite
 * allows 3 s, the slow fault stalls 4.5 s. Generous enough for a loaded CI machine.
 */
export const FAST = { timeoutBoundMs: 3_000, slowDelayMs: 4_500, load: 8 } as const;

/** The `--env` mapping for a fixture, placeholders and all, as a user would write it. */
export function fixtureEnv(name: FixtureName): Record<string, string> {
  return prefixedEnv(ENV_PREFIX[name]);
}

/** `runConformance` options that spawn a fixture (twice, for SEC-005). */
export function fixtureOptions(
  name: FixtureName,
  extra: Partial<ConformanceOptions> = {},
): ConformanceOptions {
  return {
    swapUrl: 'http://127.0.0.1:{port}/swap',
    refreshUrl: 'http://127.0.0.1:{port}/refresh',
    spawn: { command: `node ${JSON.stringify(fixturePath(name))}`, env: fixtureEnv(name) },
    ...FAST,
    ...extra,
  };
}

/** The same, as CLI flags. */
export function fixtureArgs(name: FixtureName): string[] {
  return [
    '--spawn',
    `node ${JSON.stringify(fixturePath(name))}`,
    ...Object.entries(fixtureEnv(name)).flatMap(([k, v]) => ['--env', `${k}=${v}`]),
    '--swap-url',
    'http://127.0.0.1:{port}/swap',
    '--refresh-url',
    'http://127.0.0.1:{port}/refresh',
    '--timeout-bound',
    String(FAST.timeoutBoundMs / 1000),
    '--slow-delay',
    String(FAST.slowDelayMs / 1000),
    '--load',
    String(FAST.load),
  ];
}

/** The flaws of the defect family, each switched on alone in a Node and a Ruby server. */
export type Flaw =
  | 'rotated-in-clear'
  | 'drops-rotated'
  | 'stale-reference'
  | 'serves-get'
  | 'stack-trace'
  | 'html-errors'
  | 'no-upstream-call';

/** The defect family's languages: Node (`flawed-server.mjs`) and Ruby (`ruby/swap_server.rb`). */
export type Language = 'node' | 'ruby';

const RUBY_SERVER = fileURLToPath(new URL('../fixtures/ruby/swap_server.rb', import.meta.url));

/** The same `--env` mapping for another prefix (the Node flawed server reads FLAW_*, Ruby RB_*). */
function prefixedEnv(prefix: string): Record<string, string> {
  return {
    [`${prefix}_PORT`]: '{port}',
    [`${prefix}_ACCOUNTS`]: '{accounts_url}',
    [`${prefix}_CLIENT_ID`]: '{client_id}',
    [`${prefix}_CLIENT_SECRET`]: '{client_secret}',
    [`${prefix}_CALLBACK`]: '{redirect_uri}',
    [`${prefix}_SEAL_SECRET`]: '{random_secret}',
    [`${prefix}_UPSTREAM_TIMEOUT_MS`]: '1000',
  };
}

/**
 * `runConformance` options that spawn a server of the defect family: `flaw` undefined is the
 * correct one (in Node that is the `correct` fixture).
 */
export function flawedOptions(
  language: Language,
  flaw: Flaw | undefined,
  extra: Partial<ConformanceOptions> = {},
): ConformanceOptions {
  if (language === 'node' && flaw === undefined) return fixtureOptions('correct', extra);
  const spawn =
    language === 'node'
      ? {
          command: `node ${JSON.stringify(fileURLToPath(new URL('../fixtures/flawed-server.mjs', import.meta.url)))}`,
          env: { ...prefixedEnv('FLAW'), FLAW_KIND: flaw ?? '' },
        }
      : {
          command: `ruby ${JSON.stringify(RUBY_SERVER)}`,
          env: { ...prefixedEnv('RB'), FLAW: flaw ?? '' },
        };
  return {
    swapUrl: 'http://127.0.0.1:{port}/swap',
    refreshUrl: 'http://127.0.0.1:{port}/refresh',
    spawn,
    ...FAST,
    ...extra,
  };
}

/**
 * `spawn` options for our own swap service, started from its built server the way a user runs
 * it and configured entirely through placeholders; each instance gets a key (and, with `env`,
 * a store) of its own, so the second instance is a separate deployment.
 */
export function swapServiceSpawn(env: Record<string, string> = {}): ConformanceOptions['spawn'] {
  return {
    command: `node ${JSON.stringify(SWAP_SERVICE_ENTRY)}`,
    env: {
      SPOTIFY_CLIENT_ID: '{client_id}',
      SPOTIFY_CLIENT_SECRET: '{client_secret}',
      SPOTIFY_REDIRECT_URI: '{redirect_uri}',
      SPOTIFY_ACCOUNTS_URL: '{accounts_url}',
      TOKEN_ENCRYPTION_KEYS: 'k1:{random_key}',
      UPSTREAM_TIMEOUT_MS: '1000',
      PORT: '{port}',
      HOST: '127.0.0.1',
      ...env,
    },
  };
}
