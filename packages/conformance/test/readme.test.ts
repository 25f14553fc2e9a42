import { readFile } from 'node:fs/promises';
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
});
