import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
// A path, not the package name: @tokenswap/test-support depends on core, so core cannot list it.
import { nodeOnlyUses, sourceFiles } from '../../test-support/src/source-files.js';

const SRC = join(import.meta.dirname, '..', 'src');
/** Beyond Node-only code, core takes no ambient I/O or randomness: they come in as parameters. */
const AMBIENT = { 'fetch(': /\bfetch\s*\(/, 'Math.random': /Math\.random/ };

// Core must run anywhere WebCrypto does (workers, Deno, browsers): no Node built-ins, no Node
// globals, no ambient I/O. tsconfig's `types: []` already makes most of this fail to compile;
// this test also catches dynamic imports, `require` and ambient clocks/timers/fetch in code
// (comments are stripped first: TSDoc examples may show `fetch`).
describe('core is pure and portable', () => {
  const files = sourceFiles(SRC);

  it('finds the sources', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files.map((f) => [relative(SRC, f), f]))(
    '%s uses no node:* import, process, Buffer or require',
    (_name, file) => expect(nodeOnlyUses(file, AMBIENT)).toEqual([]),
  );

  it('index.ts re-exports by name, never with export *', () => {
    expect(readFileSync(join(SRC, 'index.ts'), 'utf8')).not.toMatch(/export\s*\*/);
  });

  it('has no runtime dependencies and no side effects', () => {
    const pkg = JSON.parse(readFileSync(join(SRC, '..', 'package.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(pkg.sideEffects).toBe(false);
  });
});
