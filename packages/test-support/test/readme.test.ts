import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The README's tables are the package's documentation: every export of every entry point is in
// the table of that entry, and every table names an entry that exists.
const root = new URL('../', import.meta.url);
const readme = readFileSync(new URL('README.md', root), 'utf8');
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
  exports: Record<string, string>;
};

/** `## \`@tokenswap/test-support/x\`` → the first-column names of the table below it. */
function documented(): Map<string, Set<string>> {
  const sections = new Map<string, Set<string>>();
  let current: Set<string> | undefined;
  for (const line of readme.split('\n')) {
    const heading = line.match(/^## `(@tokenswap\/test-support[^`]*)`/);
    if (heading) {
      current = new Set();
      sections.set(heading[1] as string, current);
      continue;
    }
    const cell = line.match(/^\| ([^|]+?) +\|/)?.[1];
    if (current === undefined || cell === undefined) continue;
    for (const name of cell.matchAll(/`([A-Za-z_]\w*)/g)) current.add(name[1] as string);
  }
  return sections;
}

/** The names a source file exports (declarations and `export { … } from` lists). */
function exported(file: string): string[] {
  const source = readFileSync(new URL(file, root), 'utf8');
  const names = [
    ...source.matchAll(/^export (?:async )?(?:function|const|interface|type|class) (\w+)/gm),
  ].map((m) => m[1] as string);
  for (const list of source.matchAll(/^export \{([^}]*)\}/gm)) {
    for (const entry of (list[1] as string).split(',')) {
      const name = entry.replace(/\btype\b/, '').trim();
      if (name !== '') names.push(name);
    }
  }
  return names;
}

describe('README', () => {
  const sections = documented();

  it.each(Object.entries(pkg.exports))('documents every export of %s', (entry, file) => {
    const name =
      entry === '.' ? '@tokenswap/test-support' : `@tokenswap/test-support/${entry.slice(2)}`;
    const table = sections.get(name);
    expect(table, `no section for ${name}`).toBeDefined();
    const missing = exported(file).filter((n) => !table?.has(n));
    expect(missing).toEqual([]);
  });

  it('has a section only for entries package.json exports', () => {
    const entries = Object.keys(pkg.exports).map((e) =>
      e === '.' ? '@tokenswap/test-support' : `@tokenswap/test-support/${e.slice(2)}`,
    );
    expect([...sections.keys()].sort()).toEqual(entries.sort());
  });
});
