import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** The layout of src/ (README, "Layout"): top-down, no circle, modes only where wired in. */
const SRC = fileURLToPath(new URL('../src/', import.meta.url));
const MODES = ['dev/', 'reference/', 'reference-plugin/', 'legacy/'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Each file of src/ (relative) → the files of src/ it imports (type-only imports included). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(/(?:from|import\()\s*'(\.{1,2}\/[^']+)\.js'/g)].map(
      ([, spec]) => relative(SRC, resolve(dirname(file), `${spec}.ts`)).replaceAll('\\', '/'),
    );
    graph.set(relative(SRC, file).replaceAll('\\', '/'), targets);
  }
  return graph;
}

function findCircle(graph: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'open') return [...path.slice(path.indexOf(node)), node];
    state.set(node, 'open');
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      const circle = visit(next);
      if (circle !== undefined) return circle;
    }
    path.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of graph.keys()) {
    const circle = visit(node);
    if (circle !== undefined) return circle;
  }
  return undefined;
}

describe('the layout of src/', () => {
  const graph = importGraph();

  it('reads every import (the graph is not empty)', () => {
    expect(graph.get('app.ts')).toContain('routes/swap.ts');
  });

  it('has no import circle', () => {
    expect(findCircle(graph)).toBeUndefined();
    // The check finds one when there is one.
    expect(
      findCircle(
        new Map([
          ['a', ['b']],
          ['b', ['a']],
        ]),
      ),
    ).toEqual(['a', 'b', 'a']);
  });

  it('routes/ and upstream/ import no mode (dev/, reference/, legacy/): modes plug in', () => {
    const offending = [...graph]
      .filter(([file]) => file.startsWith('routes/') || file.startsWith('upstream/'))
      .flatMap(([file, targets]) =>
        targets
          .filter((t) => MODES.some((mode) => t.startsWith(mode)))
          .map((t) => `${file} → ${t}`),
      );
    expect(offending).toEqual([]);
  });

  it('reference/ (the store domain) imports no HTTP code', () => {
    const offending = [...graph]
      .filter(([file]) => file.startsWith('reference/'))
      .flatMap(([file, targets]) =>
        targets
          .filter(
            (t) => /^(routes|reference-plugin|dev|plugins)\//.test(t) || t === 'app-context.ts',
          )
          .map((t) => `${file} → ${t}`),
      );
    expect(offending).toEqual([]);
  });
});
