import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { catalogueRows, readCatalogue } from '../src/catalogue.js';
import { CASES } from '../src/index.js';

describe('README', () => {
  it('docs/cases.md carries the case catalogue as generated from the definitions (run `pnpm --filter @tokenswap/conformance docs`)', async () => {
    const cases = await readFile(new URL('../docs/cases.md', import.meta.url), 'utf8');
    expect(readCatalogue(cases)).toEqual(catalogueRows(CASES));
  });

  it('documents every CLI flag', async () => {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    const cli = await readFile(new URL('../src/options.ts', import.meta.url), 'utf8');
    const flags = [
      ...cli.slice(cli.indexOf('const FLAGS')).matchAll(/^ {2}'?([a-z-]+)'?: \{ type/gm),
    ].map((m) => m[1]);
    expect(flags.length).toBeGreaterThan(20);
    for (const flag of flags) expect(readme).toContain(`--${flag}`);
  });

  it('names only real flags wherever a doc runs the CLI (run or not-run snippets alike)', async () => {
    const cli = await readFile(new URL('../src/options.ts', import.meta.url), 'utf8');
    const known = new Set(
      [...cli.slice(cli.indexOf('const FLAGS')).matchAll(/^ {2}'?([a-z-]+)'?: \{ type/gm)].map(
        (m) => m[1],
      ),
    );
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    const docs = execFileSync(
      'git',
      ['ls-files', '--cached', '--others', '--exclude-standard', '*.md'],
      {
        cwd: root,
        encoding: 'utf8',
      },
    )
      .split('\n')
      .filter(Boolean);
    const unknown: string[] = [];
    for (const doc of docs) {
      const text = await readFile(`${root}${doc}`, 'utf8');
      for (const [, block = ''] of text.matchAll(/```(?:sh|bash|shell|console)\n([\s\S]*?)```/g)) {
        for (const command of block.replace(/\\\n/g, ' ').split('\n')) {
          // Only what follows the CLI's name: `pnpm --filter @tokenswap/conformance docs` has no flag of ours.
          const at = Math.max(
            command.lastIndexOf('tokenswap-conformance'),
            command.lastIndexOf('@tokenswap/conformance'),
          );
          if (at < 0) continue;
          for (const [, flag] of command.slice(at).matchAll(/(?<![\w-])--([a-z][a-z0-9-]*)/g)) {
            if (!known.has(flag as string)) unknown.push(`${doc}: --${flag}`);
          }
        }
      }
    }
    expect(unknown).toEqual([]);
  });
});
