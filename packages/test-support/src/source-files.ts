import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every `.ts` file below `dir`, for tests that read a package's sources (purity checks). */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

/** `source` without block and whole-line comments (TSDoc examples may show what code must not). */
export function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

/**
 * What marks code as Node-only, by name: a package that must run on Workers, Deno and browsers
 * (core, the handler) has none of these outside comments.
 */
export const NODE_ONLY_PATTERNS: Readonly<Record<string, RegExp>> = {
  'a node:* import': /from\s+['"]node:/,
  'a dynamic node:* import': /import\(\s*['"]node:/,
  require: /\brequire\s*\(/,
  process: /\bprocess\b/,
  Buffer: /\bBuffer\b/,
  'a timer': /\bsetTimeout\b|\bsetInterval\b/,
};

/**
 * What in `file` (comments aside) marks it Node-only: the names of the {@link NODE_ONLY_PATTERNS}
 * and of the `extra` patterns it matches; empty when it would load on any Web runtime.
 *
 * @example
 * ```ts
 * expect(nodeOnlyUses(file, { 'Math.random': /Math\.random/ })).toEqual([]);
 * ```
 */
export function nodeOnlyUses(file: string, extra: Readonly<Record<string, RegExp>> = {}): string[] {
  const text = withoutComments(readFileSync(file, 'utf8'));
  return Object.entries({ ...NODE_ONLY_PATTERNS, ...extra })
    .filter(([, pattern]) => pattern.test(text))
    .map(([what]) => what);
}
