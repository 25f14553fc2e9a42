import { readFileSync } from 'node:fs';

/**
 * Code blocks of our Markdown, with the marker that says how each one is kept true
 * (CONTRIBUTING.md, "Snippets in the docs"):
 *
 *   <!-- snippet: production-nginx-conf -->   a test reads this block by its id and runs it
 *   <!-- not-run: deploys to a cloud -->      not runnable on a CI machine, and why
 *
 * The marker is an HTML comment on the line(s) just before the fence (blank lines between are
 * allowed), so rendered docs do not show it. Blocks fenced as `text` are output shown to the
 * reader and need no marker.
 */
export interface Snippet {
  /** Info string after the fence, e.g. `sh`, `ts`, `nginx`, `ini`. */
  readonly lang: string;
  readonly code: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** `snippet` (run by a test, with `id`), `not-run` (with `reason`), or absent. */
  readonly marker?: { kind: 'snippet'; id: string } | { kind: 'not-run'; reason: string };
}

const FENCE = /^(\s*)(`{3,}|~{3,})\s*([^\s`]*)/;
const MARKER = /^\s*<!--\s*(snippet|not-run):\s*([\s\S]*?)\s*-->\s*$/;

/** Every fenced block of `markdown`, in order. */
export function parseSnippets(markdown: string): Snippet[] {
  const lines = markdown.split('\n');
  const snippets: Snippet[] = [];
  let pending: Snippet['marker'];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const marker = MARKER.exec(line);
    if (marker) {
      const [, kind, value = ''] = marker;
      pending = kind === 'snippet' ? { kind, id: value } : { kind: 'not-run', reason: value };
      continue;
    }
    const fence = FENCE.exec(line);
    if (!fence) {
      if (line.trim() !== '') pending = undefined;
      continue;
    }
    const [, indent = '', ticks = '```', lang = ''] = fence;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const next = lines[j] ?? '';
      if (next.trim().startsWith(ticks) && next.trim().replaceAll(ticks[0] ?? '`', '') === '')
        break;
      body.push(next.startsWith(indent) ? next.slice(indent.length) : next);
    }
    snippets.push({
      lang,
      code: `${body.join('\n')}\n`,
      line: i + 1,
      ...(pending ? { marker: pending } : {}),
    });
    pending = undefined;
    i = j;
  }
  return snippets;
}

/** The block marked `<!-- snippet: id -->` in the Markdown file at `path` (a URL or path). */
export function snippet(path: string | URL, id: string): string {
  const found = parseSnippets(readFileSync(path, 'utf8')).filter(
    (s) => s.marker?.kind === 'snippet' && s.marker.id === id,
  );
  if (found.length !== 1) {
    throw new Error(`${String(path)}: expected one snippet "${id}", found ${found.length}`);
  }
  return (found[0] as Snippet).code;
}

/**
 * `text` with each `from` replaced by its `to`, failing when a `from` is absent — so a test
 * that fills a doc's placeholders notices when the doc changed under it.
 */
export function fillPlaceholders(text: string, values: Record<string, string>): string {
  let out = text;
  for (const [from, to] of Object.entries(values)) {
    if (!out.includes(from)) throw new Error(`placeholder ${JSON.stringify(from)} not in snippet`);
    out = out.replaceAll(from, to);
  }
  return out;
}
