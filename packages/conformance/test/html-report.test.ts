import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rootCauses } from '../src/prerequisites.js';
import { formatHtml } from '../src/reporters/html.js';
import { runConformance } from '../src/runner.js';
import type { CaseResult, ConformanceReport } from '../src/types.js';
import { summarize } from '../src/verdict.js';
import { runCli } from './helpers/cli.js';
import { fixtureArgs, fixtureOptions } from './helpers/fixtures.js';

/** The table row of one case, e.g. `<tr class="failed">…ERR-003…</tr>`. */
const rowOf = (html: string, id: string) =>
  html.split('\n').find((line) => line.startsWith('<tr class=') && line.includes(`>${id}<`));

/** A report around hand-made results (for the escaping rules, which no real server exercises). */
function reportOf(results: CaseResult[]): ConformanceReport {
  const summary = summarize(results);
  return {
    ok: summary.mustFailed === 0,
    seed: 7,
    strict: false,
    rootCauses: rootCauses(results),
    startedAt: '2026-11-24T23:40:05.000Z',
    durationMs: 1234,
    target: {
      swapUrl: 'http://127.0.0.1:1/swap?a="b"&c=<d>',
      refreshUrl: 'http://127.0.0.1:1/refresh',
      accountsUrl: 'http://127.0.0.1:2',
    },
    summary,
    results,
  };
}

describe('HTML report of a real run against a broken server (error-500 fixture)', () => {
  let report: ConformanceReport;
  let html: string;
  beforeAll(async () => {
    report = await runConformance(
      fixtureOptions('error-500', { only: ['SWAP-001', 'SWAP-006', 'ERR-003', 'SEC-001'] }),
    );
    html = formatHtml(report, { version: '1.2.3' });
  });

  it('says FAIL in the verdict banner, with the counts', () => {
    expect(report.ok).toBe(false);
    expect(html).toContain('<section id="verdict" class="verdict fail" role="status">');
    expect(html).toContain('<p class="word">FAIL</p>');
    expect(html).toContain('1 MUST case failed: the implementation does not honour the contract.');
    expect(html).toContain('3 passed, 1 failed, 0 skipped');
    expect(html).toMatch(
      /<title>FAIL — tokenswap conformance — http:\/\/127\.0\.0\.1:\d+\/swap<\/title>/,
    );
  });

  it('names the implementation and the date', () => {
    expect(html).toContain(`<code>${report.target.swapUrl}</code>`);
    expect(html).toContain(`<code>${report.target.refreshUrl}</code>`);
    expect(html).toContain(`<time datetime="${report.startedAt}">`);
    expect(html).toContain('tokenswap-conformance 1.2.3');
  });

  it('has one table row per case with id, level, result and duration', () => {
    for (const r of report.results) {
      const row = rowOf(html, r.id);
      expect(row, r.id).toBeDefined();
      expect(row).toContain(`<tr class="${r.status}">`);
      expect(row).toContain(`<td>${r.level}</td>`);
      expect(row).toContain(`<td class="result">${r.status === 'failed' ? 'FAIL' : 'PASS'}</td>`);
      expect(row).toMatch(/<td class="num">\d+(\.\d)? m?s<\/td>/);
    }
    // A failed id links to its evidence below.
    expect(rowOf(html, 'ERR-003')).toContain('<a href="#case-ERR-003">ERR-003</a>');
  });

  it('shows each failure with why, basis and the request/response excerpt', () => {
    const failure = report.results.find((r) => r.id === 'ERR-003');
    expect(failure?.status).toBe('failed');
    const block = html.slice(html.indexOf('<article class="failure" id="case-ERR-003">'));
    expect(block).toContain(`<strong>Why:</strong> ${failure?.message}`);
    expect(block).toMatch(/<h4>Request<\/h4><pre>POST http:\/\/127\.0\.0\.1:\d+\/swap\n/);
    expect(block).toMatch(/<h4>Response<\/h4><pre>HTTP 500 \(\d+ ms\)\ncontent-type: text\/plain/);
    expect(block).toContain('Internal Server Error');
    expect(html).not.toContain('tokenswap-demo-secret');
  });

  it('is self-contained: inline CSS, no script, nothing loaded from elsewhere', () => {
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<style>');
    expect(html).toContain('@media print');
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\ssrc=|@import|url\(/i);
  });
});

describe('HTML report rules', () => {
  const failing: CaseResult = {
    id: 'ERR-<1>',
    title: 'A <script>alert(1)</script> title',
    level: 'MUST',
    basis: 'basis & "quotes"',
    status: 'failed',
    durationMs: 1500,
    message: "it said <b>'no'</b>\u0007",
    evidence: { request: 'POST /swap\n\ncode=<x>', response: 'HTTP 500\n\n<html>oops</html>' },
  };

  it('escapes every value taken from the run (URLs, titles, messages, evidence)', () => {
    const html = formatHtml(reportOf([failing]));
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    expect(html).not.toContain('<html>oops');
    expect(html).toContain('A &lt;script&gt;alert(1)&lt;/script&gt; title');
    expect(html).toContain('it said &lt;b&gt;&#39;no&#39;&lt;/b&gt;\ufffd');
    expect(html).toContain('<pre>HTTP 500\n\n&lt;html&gt;oops&lt;/html&gt;</pre>');
    expect(html).toContain('<code>http://127.0.0.1:1/swap?a=&quot;b&quot;&amp;c=&lt;d&gt;</code>');
    expect(html).toContain('id="case-ERR-_1_"');
    expect(html).toContain('1.5 s');
  });

  it('is PASS when only SHOULD cases fail, and lists skipped cases with their reason', () => {
    const html = formatHtml(
      reportOf([
        { ...failing, id: 'SWAP-006', level: 'SHOULD' },
        {
          id: 'SEC-005',
          title: 'second deployment',
          level: 'MUST',
          basis: 'b',
          status: 'skipped',
          durationMs: 0,
          message: 'needs {port}',
        },
      ]),
    );
    expect(html).toContain('class="verdict pass"');
    expect(html).toContain('Every MUST case passed: the implementation honours the contract.');
    expect(html).toContain('<td class="result">SKIP</td>');
    expect(html).toContain('<li><code>SEC-005</code> second deployment — needs {port}</li>');
  });
});

describe('the CLI writes it with --reporter html=PATH', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'conformance-html-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the file, names it on stderr, and keeps the exit status of the verdict', async () => {
    const path = join(dir, 'nested', 'report.html');
    const run = await runCli([
      ...fixtureArgs('correct'),
      '--only',
      'SWAP-001,ERR-001',
      '--quiet',
      '--reporter',
      `html=${path}`,
    ]);
    expect(run.stderr).toContain(`wrote html report to ${path}`);
    expect(run.code).toBe(0);
    const html = await readFile(path, 'utf8');
    expect(html).toContain('class="verdict pass"');
    expect(html).toMatch(/<meta name="generator" content="tokenswap-conformance \S+">/);
    // Every reporter writes a file: stdout carries only the summary line.
    expect(run.stdout).toBe('2 passed, 0 failed, 0 skipped\n');
  });
});
