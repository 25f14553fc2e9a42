import { DEMO_CLIENT } from '@tokenswap/mock-accounts';
import { describe, expect, it } from 'vitest';
import { ConformanceOptionsError, parseCliArgs, resolveOptions } from '../src/index.js';

const URLS = [
  '--swap-url',
  'http://127.0.0.1:3000/swap',
  '--refresh-url',
  'http://127.0.0.1:3000/refresh',
];

describe('parseCliArgs', () => {
  it('fills the documented defaults', () => {
    const parsed = parseCliArgs(URLS);
    expect(parsed).toEqual({
      ok: true,
      command: {
        kind: 'run',
        options: { swapUrl: URLS[1], refreshUrl: URLS[3], only: [], skip: [] },
        reporters: [{ kind: 'pretty' }],
        quiet: false,
      },
    });
    if (!parsed.ok || parsed.command.kind !== 'run') throw new Error('unreachable');
    const resolved = resolveOptions(parsed.command.options);
    expect(resolved).toMatchObject({
      clientId: DEMO_CLIENT.id,
      clientSecret: DEMO_CLIENT.secret,
      redirectUri: 'http://127.0.0.1:8888/callback',
      timeoutBoundMs: 15_000,
      slowDelayMs: 20_000,
      load: 50,
      startupTimeoutMs: 30_000,
      level: 'may',
    });
  });

  it('reads spawn, repeatable env, seconds, filters and reporters', () => {
    const parsed = parseCliArgs([
      '--spawn',
      'node server.js',
      '--env',
      'MY_ACCOUNTS={accounts_url}',
      '--env',
      'QUERY=a=b',
      '--second-env',
      'KEY=other',
      '--swap-url',
      'http://127.0.0.1:{port}/swap',
      '--refresh-url',
      'http://127.0.0.1:{port}/refresh',
      '--timeout-bound',
      '1.5',
      '--slow-delay',
      '2',
      '--only',
      'SWAP,ERR-00',
      '--only',
      'SEC-001',
      '--skip',
      'LOAD',
      '--level',
      'SHOULD',
      '--reporter',
      'json=out/r.json',
      '--reporter',
      'junit=out/r.xml,pretty',
    ]);
    expect(parsed.ok && parsed.command.kind === 'run' && parsed.command).toEqual({
      kind: 'run',
      options: {
        swapUrl: 'http://127.0.0.1:{port}/swap',
        refreshUrl: 'http://127.0.0.1:{port}/refresh',
        spawn: {
          command: 'node server.js',
          env: { MY_ACCOUNTS: '{accounts_url}', QUERY: 'a=b' },
          secondEnv: { KEY: 'other' },
        },
        timeoutBoundMs: 1500,
        slowDelayMs: 2000,
        level: 'should',
        only: ['SWAP', 'ERR-00', 'SEC-001'],
        skip: ['LOAD'],
      },
      reporters: [
        { kind: 'json', path: 'out/r.json' },
        { kind: 'junit', path: 'out/r.xml' },
        { kind: 'pretty' },
      ],
      quiet: false,
    });
  });

  it.each([
    [['--env', 'NOEQUALS'], '--env expects NAME=VALUE, got "NOEQUALS"'],
    [['--timeout-bound', '0'], '--timeout-bound must be a positive number of seconds, got "0"'],
    [
      ['--reporter', 'tap'],
      '--reporter must be pretty, json, junit or html (optionally =path), got "tap"',
    ],
    [
      ['--reporter', 'json', '--reporter', 'junit'],
      'only one --reporter may write to stdout; give the others =path',
    ],
    [['--mock-port', '70000'], '--mock-port must be 1..65535'],
    [['--load', '0'], '--load must be an integer 1..1000'],
  ])('refuses %j', (extra, problem) => {
    const spawnIfNeeded = extra[0] === '--env' ? ['--spawn', 'x'] : [];
    const parsed = parseCliArgs([...URLS, ...spawnIfNeeded, ...extra]);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problems).toContain(problem);
  });

  it('refuses {port} without --spawn and a non-http URL', () => {
    const parsed = parseCliArgs([
      '--swap-url',
      'http://127.0.0.1:{port}/swap',
      '--refresh-url',
      'ftp://x/refresh',
    ]);
    expect(!parsed.ok && parsed.problems).toEqual([
      '--refresh-url is not an http(s) URL: ftp://x/refresh',
      '{port} in a URL only makes sense with --spawn',
    ]);
  });
});

describe('impersonation and reference-mode flags', () => {
  it('reads --impersonate, --token-mode and --revoke-url', () => {
    const parsed = parseCliArgs([
      ...URLS,
      '--impersonate',
      '--token-mode',
      'Reference',
      '--revoke-url',
      'http://127.0.0.1:3000/revoke',
    ]);
    if (!parsed.ok || parsed.command.kind !== 'run') throw new Error(JSON.stringify(parsed));
    expect(parsed.command.options).toMatchObject({
      impersonate: true,
      tokenMode: 'reference',
      revokeUrl: 'http://127.0.0.1:3000/revoke',
    });
  });

  it('defaults to no impersonation and tokenMode auto', () => {
    expect(resolveOptions({ swapUrl: URLS[1] ?? '', refreshUrl: URLS[3] ?? '' })).toMatchObject({
      impersonate: false,
      tokenMode: 'auto',
      revokeUrl: undefined,
    });
  });

  it('refuses an unknown --token-mode and a bad --revoke-url', () => {
    const parsed = parseCliArgs([...URLS, '--token-mode', 'stateful', '--revoke-url', 'nope']);
    expect(!parsed.ok && parsed.problems).toEqual([
      '--token-mode must be sealed, reference, auto, got "stateful"',
    ]);
    const bad = parseCliArgs([...URLS, '--revoke-url', 'nope']);
    expect(!bad.ok && bad.problems).toEqual(['--revoke-url is not an http(s) URL: nope']);
  });

  it('accepts IMP-001 in --only and --skip (it exists in --impersonate runs)', () => {
    expect(parseCliArgs([...URLS, '--only', 'IMP-001', '--skip', 'IMP']).ok).toBe(true);
  });
});

describe('resolveOptions', () => {
  it('throws a ConformanceOptionsError listing every problem', () => {
    expect(() =>
      resolveOptions({ swapUrl: '', refreshUrl: 'nope', slowDelayMs: 1000, timeoutBoundMs: 1000 }),
    ).toThrow(ConformanceOptionsError);
    try {
      resolveOptions({ swapUrl: '', refreshUrl: 'nope', only: ['XYZ'] });
    } catch (error) {
      expect((error as ConformanceOptionsError).problems).toEqual([
        '--swap-url is required',
        '--refresh-url is not an http(s) URL: nope',
        '--only XYZ matches no case',
      ]);
    }
  });
});
