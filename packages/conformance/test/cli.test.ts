import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASES, type ConformanceReport } from '../src/index.js';
import { CLI_BIN, lastLine, runCli } from './helpers/cli.js';
import { fixtureArgs } from './helpers/fixtures.js';

describe('usage errors exit 2', () => {
  it.each([
    ['no arguments', []],
    [
      'an unknown flag',
      ['--swap-url', 'http://127.0.0.1:1/swap', '--refresh-url', 'http://127.0.0.1:1/r', '--bogus'],
    ],
    [
      'a bad --level',
      [
        '--swap-url',
        'http://127.0.0.1:1/swap',
        '--refresh-url',
        'http://127.0.0.1:1/r',
        '--level',
        'must-ish',
      ],
    ],
    [
      'an --only that matches no case',
      [
        '--swap-url',
        'http://127.0.0.1:1/s',
        '--refresh-url',
        'http://127.0.0.1:1/r',
        '--only',
        'NOPE',
      ],
    ],
    [
      'a slow delay within the bound',
      [
        '--swap-url',
        'http://127.0.0.1:1/s',
        '--refresh-url',
        'http://127.0.0.1:1/r',
        '--timeout-bound',
        '5',
        '--slow-delay',
        '4',
      ],
    ],
    [
      '--env without --spawn',
      [
        '--swap-url',
        'http://127.0.0.1:1/s',
        '--refresh-url',
        'http://127.0.0.1:1/r',
        '--env',
        'A=b',
      ],
    ],
  ])('%s', async (_, args) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^tokenswap-conformance: /);
    expect(run.stderr).toContain('Usage: tokenswap-conformance');
    expect(run.stdout).toBe('');
  });

  it('names every problem at once', async () => {
    const run = await runCli(['--load', 'many', '--level', 'x']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--swap-url is required');
    expect(run.stderr).toContain('--refresh-url is required');
    expect(run.stderr).toContain('--load must be a whole number, got "many"');
    expect(run.stderr).toContain('--level must be must, should or may');
  });
});

describe('informational commands', () => {
  it('--list prints the selected catalogue and exits 0', async () => {
    const run = await runCli(['--list', '--only', 'ERR', '--skip', 'ERR-01']);
    expect(run.code).toBe(0);
    const ids = run.stdout
      .trim()
      .split('\n')
      .map((l) => l.split(/\s+/)[0]);
    expect(ids).toEqual(CASES.filter((c) => c.id.startsWith('ERR-00')).map((c) => c.id));
  });

  it('a reader that closes stdout early (`| head`) gets no crash: the exit code still speaks', async () => {
    const child = spawn(process.execPath, [CLI_BIN, '--list'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  });

  it('--help exits 0 with the usage', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('--reporter pretty|json|junit|html[=PATH]');
  });
});

describe('a run against a fixture', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'conformance-cli-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes parseable json and junit reports and exits 0 when every MUST passes', async () => {
    const jsonPath = join(dir, 'out', 'report.json');
    const junitPath = join(dir, 'out', 'report.xml');
    const run = await runCli([
      ...fixtureArgs('correct'),
      '--only',
      'SWAP,ERR-001',
      '--only',
      'SEC-001',
      '--reporter',
      `json=${jsonPath}`,
      '--reporter',
      `junit=${junitPath}`,
      '--reporter',
      'pretty',
    ]);
    expect(run.stderr).toMatch(/^PASS SWAP-001 /m); // progress goes to stderr
    expect(run.code).toBe(0);
    expect(lastLine(run.stdout)).toBe('8 passed, 0 failed, 0 skipped');
    expect(run.stdout).toMatch(/^PASS +SWAP-001 +MUST +\d+ ms +A valid code/m);

    const report = JSON.parse(await readFile(jsonPath, 'utf8')) as ConformanceReport;
    expect(report.ok).toBe(true);
    expect(report.results.map((r) => r.id)).toEqual([
      'SWAP-001',
      'SWAP-002',
      'SWAP-003',
      'SWAP-004',
      'SWAP-005',
      'SWAP-006',
      'ERR-001',
      'SEC-001',
    ]);

    const xml = await readFile(junitPath, 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false }).parse(xml);
    expect(parsed.testsuites['@_tests']).toBe('8');
    expect(parsed.testsuites['@_failures']).toBe('0');
    expect(parsed.testsuites.testsuite.map((s: { '@_name': string }) => s['@_name'])).toEqual([
      'SWAP',
      'ERR',
      'SEC',
    ]);
  });

  it('exits 1 when a MUST fails, with the failure in junit and the final line last', async () => {
    const junitPath = join(dir, 'fail.xml');
    const run = await runCli([
      ...fixtureArgs('no-store'),
      '--only',
      'SEC-001,SWAP-001',
      '--reporter',
      `junit=${junitPath}`,
    ]);
    expect(run.code).toBe(1);
    expect(lastLine(run.stdout)).toBe('1 passed, 1 failed, 0 skipped');
    const xml = await readFile(junitPath, 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const suites = new XMLParser({ ignoreAttributes: false }).parse(xml).testsuites.testsuite;
    const sec = suites.find((s: { '@_name': string }) => s['@_name'] === 'SEC');
    expect(sec.testcase.failure['@_message']).toBe(
      'the swap answer has Cache-Control "", expected no-store',
    );
  });

  it('json to stdout stays parseable: the final line moves to stderr', async () => {
    const run = await runCli([
      ...fixtureArgs('correct'),
      '--only',
      'SWAP-001',
      '--reporter',
      'json',
      '--quiet',
    ]);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as ConformanceReport).summary.passed).toBe(1);
    expect(lastLine(run.stderr)).toBe('1 passed, 0 failed, 0 skipped');
  });

  it('exits 2 with the server output when a spawned server never comes up', async () => {
    const run = await runCli([
      '--spawn',
      'node -e "console.error(\'boom: bad config\'); process.exit(3)"',
      '--swap-url',
      'http://127.0.0.1:{port}/swap',
      '--refresh-url',
      'http://127.0.0.1:{port}/refresh',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('the spawned server exited before answering');
    expect(run.stderr).toContain('boom: bad config');
  });
});
