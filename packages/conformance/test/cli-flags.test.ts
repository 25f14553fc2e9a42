import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConformanceReport } from '../src/index.js';
import { runCli } from './helpers/cli.js';
import { FAST, fixtureArgs } from './helpers/fixtures.js';

// Every run-shaping flag of issue 15, through the real CLI against the fixture servers.

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const node = (file: string) =>
  `${JSON.stringify(process.execPath)} ${JSON.stringify(fixture(file))}`;
const URLS = [
  '--swap-url',
  'http://127.0.0.1:{port}/swap',
  '--refresh-url',
  'http://127.0.0.1:{port}/refresh',
];
const BOUNDS = [
  '--timeout-bound',
  String(FAST.timeoutBoundMs / 1000),
  '--slow-delay',
  String(FAST.slowDelayMs / 1000),
];
const statusOf = (report: ConformanceReport) =>
  report.results.map((r) => [r.id, r.status, r.blockedBy ?? null]);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'conformance-flags-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('one defect, one cause', () => {
  it('cases whose prerequisite failed are blocked by it, and the root causes open the report', async () => {
    // A correct server with the wrong client secret: every swap fails upstream, one cause.
    const jsonPath = join(dir, 'blocked.json');
    const run = await runCli([
      ...fixtureArgs('correct'),
      ...['--env', 'GOOD_CLIENT_SECRET=not-the-secret'],
      ...['--only', 'SWAP,REFRESH-001,SEC-001,ERR-001', '--reporter', `json=${jsonPath}`],
      ...['--reporter', 'pretty'],
    ]);
    expect(run.code).toBe(1);
    const report = JSON.parse(await readFile(jsonPath, 'utf8')) as ConformanceReport;
    const blocked = [
      'SWAP-002',
      'SWAP-003',
      'SWAP-004',
      'SWAP-005',
      'SWAP-006',
      'REFRESH-001',
      'SEC-001',
    ];
    expect(statusOf(report)).toEqual([
      ['SWAP-001', 'failed', null],
      ...blocked.slice(0, 5).map((id) => [id, 'skipped', 'SWAP-001']),
      ['REFRESH-001', 'skipped', 'SWAP-001'],
      ['ERR-001', 'passed', null],
      ['SEC-001', 'skipped', 'SWAP-001'],
    ]);
    const swap = report.results[0];
    expect(swap?.message).toMatch(/^expected 200 with tokens, got HTTP \d{3}/);
    expect(report.results[1]?.message).toBe(`blocked by SWAP-001 (${swap?.message})`);
    expect(report.rootCauses).toEqual([
      {
        id: 'SWAP-001',
        level: 'MUST',
        title: swap?.title,
        message: swap?.message,
        blocks: blocked,
      },
    ]);
    expect(report.summary).toMatchObject({ failed: 1, mustFailed: 1, skipped: 7, blocked: 7 });
    // Pretty: seed, then the root cause with what it blocks, before the case table.
    const rootAt = run.stdout.indexOf(
      'Root causes (fix these first):\n  SWAP-001 [MUST] expected 200',
    );
    expect(rootAt).toBeGreaterThan(0);
    expect(rootAt).toBeLessThan(run.stdout.indexOf('RESULT  ID'));
    expect(run.stdout).toContain(`(blocks 7: ${blocked.join(', ')})`);
    expect(run.stdout).toContain('  SEC-001: blocked by SWAP-001 (expected 200 with tokens');
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe(
      '1 passed, 1 failed, 7 skipped (7 blocked)',
    );
  });
});

describe('--expect-failures FILE', () => {
  // The no-store fixture fails SEC-001 and passes SWAP-001.
  const args = (file: string) => [
    ...fixtureArgs('no-store'),
    ...['--only', 'SWAP-001,SEC-001', '--expect-failures', file, '--reporter', 'json', '--quiet'],
  ];
  const list = async (name: string, text: string) => {
    const path = join(dir, name);
    await writeFile(path, text);
    return path;
  };

  it('passes when exactly the listed cases fail', async () => {
    const file = await list(
      'ok.txt',
      '# known failures of the no-store fixture\nSEC-001  sends no Cache-Control yet (#12)\n',
    );
    const run = await runCli(args(file));
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as ConformanceReport;
    expect(report.ok).toBe(true);
    expect(report.expectations).toEqual({
      expected: ['SEC-001'],
      unexpected: [],
      stale: [],
      unjudged: [],
    });
  });

  it('fails when a listed case passes: the list is stale', async () => {
    const file = await list('stale.txt', 'SEC-001 no Cache-Control\nSWAP-001 was broken once\n');
    const run = await runCli([...args(file).slice(0, -3), '--reporter', 'pretty']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('  stale (passed):     SWAP-001');
    expect(run.stdout).toContain('1 listed case passed: remove SWAP-001 from the list (stale).');
  });

  it('fails when a case fails that is not listed', async () => {
    const run = await runCli(args(await list('empty.txt', '# nothing expected\n')));
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as ConformanceReport;
    expect(report.expectations?.unexpected).toEqual(['SEC-001']);
  });

  it.each([
    [
      'an entry without a reason',
      'SEC-001\n',
      'no-reason.txt:1: "SEC-001" needs a reason after the case id',
    ],
    [
      'an id that is no case',
      'SEC-999 typo\n',
      '--expect-failures lists SEC-999, which is no case',
    ],
    ['an id listed twice', 'SEC-001 a\nSEC-001 b\n', 'twice.txt:2: SEC-001 is listed twice'],
  ])('is a usage error (exit 2) with %s', async (_, text, problem) => {
    const name = problem.startsWith('--') ? 'unknown.txt' : problem.slice(0, problem.indexOf(':'));
    const run = await runCli(args(await list(name, text)));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(problem);
  });
});

describe('--seed N', () => {
  /** Runs the recording fixture; returns the codes and tokens it was sent, and the reports. */
  async function recordedRun(seed: string | undefined, tag: string) {
    const file = join(dir, `recorded-${tag}.txt`);
    await writeFile(file, '');
    const json = join(dir, `seed-${tag}.json`);
    const junit = join(dir, `seed-${tag}.xml`);
    const html = join(dir, `seed-${tag}.html`);
    const run = await runCli([
      ...['--spawn', node('recording-server.mjs'), '--env', 'RECORD_PORT={port}'],
      ...['--env', `RECORD_FILE=${file}`, ...URLS, ...BOUNDS],
      ...['--only', 'SWAP-001,ERR-003,ERR-009,SEC-006', ...(seed ? ['--seed', seed] : [])],
      ...['--reporter', 'pretty', '--reporter', `json=${json}`, '--reporter', `junit=${junit}`],
      ...['--reporter', `html=${html}`],
    ]);
    return {
      run,
      values: await readFile(file, 'utf8'),
      report: JSON.parse(await readFile(json, 'utf8')) as ConformanceReport,
      junit: await readFile(junit, 'utf8'),
      html: await readFile(html, 'utf8'),
    };
  }

  it('replays the same codes, tokens and fuzz, and every report prints the seed', async () => {
    const first = await recordedRun('1234', 'a');
    const again = await recordedRun('1234', 'b');
    const other = await recordedRun('1235', 'c');
    // SWAP-001's code comes from the mock, ERR-003's and SEC-006's values from the suite.
    expect(first.values.trim().split('\n')).toHaveLength(5);
    expect(again.values).toBe(first.values);
    expect(other.values).not.toBe(first.values);
    expect(first.report.seed).toBe(1234);
    expect(first.run.stdout).toMatch(/^seed 1234$/m);
    expect(first.junit).toContain('<property name="seed" value="1234"/>');
    expect(first.html).toContain('<dt>seed</dt><dd><code>1234</code>');
    expect(first.run.stderr).toContain('· seed 1234 (--seed replays this run)');
  });

  it('without --seed picks one, reports it, and that seed replays the run', async () => {
    const free = await recordedRun(undefined, 'd');
    const seed = free.report.seed;
    expect(Number.isInteger(seed)).toBe(true);
    expect(free.run.stdout).toMatch(new RegExp(`^seed ${seed}$`, 'm'));
    const replay = await recordedRun(String(seed), 'e');
    expect(replay.values).toBe(free.values);
  });

  it('is a usage error when it is not a whole number in range', async () => {
    const run = await runCli([...fixtureArgs('correct'), '--seed', '4294967296']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--seed must be a whole number');
  });
});

describe('transcripts of failing cases, masked, in every report', () => {
  it('carries each request and response of the failed case', async () => {
    const paths = {
      json: join(dir, 't.json'),
      junit: join(dir, 't.xml'),
      html: join(dir, 't.html'),
    };
    const run = await runCli([
      ...fixtureArgs('no-store'),
      ...['--only', 'SEC-001', '--reporter', 'pretty', '--reporter', `json=${paths.json}`],
      ...['--reporter', `junit=${paths.junit}`, '--reporter', `html=${paths.html}`],
    ]);
    expect(run.code).toBe(1);
    const report = JSON.parse(await readFile(paths.json, 'utf8')) as ConformanceReport;
    const transcript = report.results[0]?.transcript ?? [];
    // SEC-001 swaps, then refreshes; the swap answer already lacks no-store.
    expect(transcript.map((t) => t.request.split('\n')[0])).toEqual([
      expect.stringMatching(/^POST http:\/\/127\.0\.0\.1:\d+\/swap$/),
    ]);
    expect(transcript[0]?.request).toMatch(/code=AQ\S{2}…\[\d+ chars\]/);
    expect(transcript[0]?.response).toMatch(/"refresh_token":"\S{4}…\[\d+ chars\]"/);
    const junit = await readFile(paths.junit, 'utf8');
    const html = await readFile(paths.html, 'utf8');
    expect(run.stdout).toContain('transcript (1 exchange):');
    expect(junit).toContain('transcript #1');
    expect(html).toContain('Transcript: 1 exchange of this case');
    for (const text of [run.stdout, junit, html, JSON.stringify(report)]) {
      expect(text).not.toContain('tokenswap-demo-secret');
      expect(text).not.toMatch(/[AB]Q[A-Za-z0-9_-]{40,}/); // no code or token whole
    }
  });
});

describe('--spawn judges only the process it started', () => {
  let stale: Server;
  let port: number;
  beforeAll(async () => {
    stale = createServer((_req, res) => res.writeHead(200).end('{}'));
    await new Promise<void>((resolve) => stale.listen(0, '127.0.0.1', resolve));
    port = (stale.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => stale.close(resolve));
  });

  it('stops with a usage error when a stale server holds the fixed port', async () => {
    const run = await runCli([
      ...fixtureArgs('correct').map((a) => a.replace('{port}', String(port))),
      '--only',
      'SWAP-001',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`port ${port} on 127.0.0.1 is already in use`);
    expect(run.stdout).toBe('');
  });

  it('stops with a usage error when the spawned server dies during the run', async () => {
    const run = await runCli([
      ...['--spawn', node('dies-server.mjs'), '--env', 'DIES_PORT={port}', ...URLS, ...BOUNDS],
      ...['--only', 'ERR-001,SWAP-001,SWAP-002'],
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /the spawned server \(pid \d+\) exited during SWAP-001; nothing it answers now can be judged/,
    );
    expect(run.stdout).toBe('');
  });
});

describe('--strict', () => {
  // A pass-through server behind --impersonate: it does not forward code_verifier, so PKCE-001
  // (SHOULD) fails while IMP-001 (MUST) passes.
  const args = [
    ...['--impersonate', '--spawn', node('../impersonate/fixtures/node-undici-server.mjs')],
    ...['--env', 'SPOTIFY_CLIENT_ID={client_id}', '--env', 'SPOTIFY_CLIENT_SECRET={client_secret}'],
    ...['--env', 'SPOTIFY_CLIENT_CALLBACK={redirect_uri}', '--env', 'PORT={port}'],
    ...URLS,
    ...BOUNDS,
    ...['--only', 'IMP-001,PKCE-001'],
  ];

  it('a SHOULD failure passes the run without it and fails it with it', async () => {
    const lenient = await runCli(args);
    expect(lenient.code, lenient.stderr).toBe(0);
    expect(lenient.stdout).toMatch(/^FAIL +PKCE-001 +SHOULD/m);
    expect(lenient.stdout).toContain('Every MUST case passed');
    const strict = await runCli([...args, '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(/^seed \d+, strict \(SHOULD failures count\)$/m);
    expect(strict.stdout).toContain(
      '0 MUST and 1 SHOULD case failed (strict): the implementation does not honour the contract.',
    );
  });
});
