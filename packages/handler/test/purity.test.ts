import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

// The handler must load on Workers, Deno, Bun, Vercel Edge: Web APIs only. tsconfig's
// `types: []` already stops Node's types; this also catches dynamic imports and Node globals.
describe('the handler uses Web APIs only', () => {
  const files = sourceFiles(SRC);

  it('finds the sources', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it.each(files.map((f) => [relative(SRC, f), f]))(
    '%s has no node:* import, process, Buffer or require',
    (_name, file) => {
      const text = withoutComments(readFileSync(file, 'utf8'));
      expect(text).not.toMatch(/from\s+['"]node:/);
      expect(text).not.toMatch(/import\(\s*['"]node:/);
      expect(text).not.toMatch(/\brequire\s*\(/);
      expect(text).not.toMatch(/\bprocess\b/);
      expect(text).not.toMatch(/\bBuffer\b/);
      expect(text).not.toMatch(/\bsetTimeout\b|\bsetInterval\b/);
    },
  );

  it('depends only on core and valibot (both Web-only)', () => {
    const pkg = JSON.parse(readFileSync(join(SRC, '..', 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(Object.keys(pkg.dependencies).sort()).toEqual(['@tokenswap/core', 'valibot']);
  });
});
