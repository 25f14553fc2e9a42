import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  contentsProblems,
  docFiles,
  linkProblems,
  markerProblems,
  repoFiles,
  shellProblems,
  snippetsOf,
} from '../src/doc-snippet-rules.js';
import { fillPlaceholders, parseSnippets } from '../src/markdown-snippets.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

describe('every code block in the READMEs and docs/ is run by a test or says why not', () => {
  const files = docFiles(ROOT);
  const snippets = snippetsOf(ROOT, files);
  const testSources = repoFiles(ROOT, '*.test.ts', '*/test/**/*.ts', '*/test-hardening/**/*.ts')
    .filter((f) => !f.endsWith('doc-snippets.test.ts'))
    .map((f) => readFileSync(join(ROOT, f), 'utf8'))
    .join('\n');

  it('finds the docs', () => {
    expect(files).toContain('README.md');
    expect(files).toContain('apps/swap-service/docs/production.md');
    expect(snippets.length).toBeGreaterThan(40);
  });

  it('every block carries a marker; every snippet id is unique and read by a test', () => {
    expect(markerProblems(snippets, testSources)).toEqual([]);
  });

  it('a Contents line lists every ## heading and links only to headings that exist', () => {
    const problems = files.flatMap((f) => contentsProblems(f, readFileSync(join(ROOT, f), 'utf8')));
    expect(problems).toEqual([]);
    expect(contentsProblems('x.md', '**Contents:** [A](#a) · [Gone](#gone)\n## A\n## New')).toEqual(
      ['x.md: Contents links #gone, which no heading has', 'x.md: Contents misses "## New"'],
    );
  });

  it('relative links lead to files that exist', () => {
    const problems = files.flatMap((f) =>
      linkProblems(ROOT, f, readFileSync(join(ROOT, f), 'utf8')),
    );
    expect(problems).toEqual([]);
    expect(
      linkProblems(
        ROOT,
        'docs/x.md',
        '[a](../CONTRIBUTING.md#snippets-in-the-docs) [b](nope.md) [c](https://e.org) [d](../CONTRIBUTING.md#gone)',
      ),
    ).toEqual([
      'docs/x.md: link to nope.md leads nowhere',
      'docs/x.md: link to ../CONTRIBUTING.md#gone: no such heading or anchor there',
    ]);
  });

  it('the paths and pnpm scripts named in shell blocks exist', () => {
    expect(shellProblems(ROOT, snippets)).toEqual([]);
  });
});

describe('the rules catch what drifts', () => {
  const md = (text: string) =>
    snippetsOf(ROOT, []).concat(parseSnippets(text).map((s) => ({ ...s, file: 'x.md' })));

  it('an unmarked block, an empty reason, an unused or repeated id', () => {
    const problems = markerProblems(
      md(
        [
          '```sh',
          'ls',
          '```',
          '<!-- not-run: -->',
          '```sh',
          'ls',
          '```',
          '<!-- snippet: a -->',
          '',
          '```sh',
          'ls',
          '```',
          '<!-- snippet: a -->',
          '```sh',
          'ls',
          '```',
          '```text',
          'output needs no marker',
          '```',
        ].join('\n'),
      ),
      "doc('a')",
    );
    expect(problems).toEqual([
      expect.stringMatching(/^x\.md:1: ```sh block has no marker/),
      'x.md:5: not-run needs a reason',
      'x.md:14: snippet id "a" already used at x.md:10',
    ]);
    expect(markerProblems(md('<!-- snippet: b -->\n```sh\nls\n```'), "doc('a')")).toEqual([
      'x.md:2: snippet "b" is not read by any test (no \'b\' in a test file)',
    ]);
  });

  it('a marker separated from its block by prose does not count', () => {
    expect(
      parseSnippets('<!-- not-run: far away reason -->\nprose\n```sh\nls\n```')[0]?.marker,
    ).toBeUndefined();
  });

  it('a path that does not exist, a script a package does not have', () => {
    expect(
      shellProblems(
        ROOT,
        md(
          '<!-- not-run: just a test here -->\n```sh\nnode apps/swap-service/dist/nope.js\npnpm --filter @tokenswap/swap-service strat\npnpm bench\npnpm benchh\n```',
        ),
      ),
    ).toEqual([
      'x.md:2: path apps/swap-service/dist/nope.js does not exist in the repository',
      'x.md:2: @tokenswap/swap-service has no script "strat"',
      'x.md:2: the root package has no script "benchh"',
    ]);
  });

  it('fillPlaceholders fails when the doc no longer holds a placeholder', () => {
    expect(fillPlaceholders('PORT=3000', { 'PORT=3000': 'PORT=1' })).toBe('PORT=1');
    expect(() => fillPlaceholders('PORT=3001', { 'PORT=3000': 'PORT=1' })).toThrow(/PORT=3000/);
  });
});
