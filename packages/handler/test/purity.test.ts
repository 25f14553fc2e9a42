import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { nodeOnlyUses, sourceFiles } from '@tokenswap/test-support/source-files';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..', 'src');

// The handler must load on Workers, Deno, Bun, Vercel Edge: Web APIs only. tsconfig's
// `types: []` already stops Node's types; this also catches dynamic imports and Node globals.
describe('the handler uses Web APIs only', () => {
  const files = sourceFiles(SRC);

  it('finds the sources', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it.each(files.map((f) => [relative(SRC, f), f]))(
    '%s has no node:* import, process, Buffer or require',
    (_name, file) => expect(nodeOnlyUses(file)).toEqual([]),
  );

  it('depends only on core and valibot (both Web-only)', () => {
    const pkg = JSON.parse(readFileSync(join(SRC, '..', 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(Object.keys(pkg.dependencies).sort()).toEqual(['@tokenswap/core', 'valibot']);
  });
});
