import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSnippets, type Snippet } from './markdown-snippets.js';

/**
 * The rules that keep the docs' code blocks true (CONTRIBUTING.md, "Snippets in the docs"):
 * every block is run by a test or says why it is not, and what can be checked without running
 * it — repository paths, pnpm scripts — is checked. Each problem names `file:line`.
 */

/** Blocks that show output, a format or a diagram (`text`, or no language): no marker needed. */
const OUTPUT_LANGS = new Set(['text', 'console', '']);

/** Tracked (and new, unignored) files of the repository matching the pathspecs. */
export function repoFiles(root: string, ...pathspecs: string[]): string[] {
  const out = execFileSync(
    'git',
    ['ls-files', '--cached', '--others', '--exclude-standard', '--', ...pathspecs],
    { cwd: root, encoding: 'utf8' },
  );
  return [...new Set(out.split('\n').filter(Boolean))].filter((f) => existsSync(join(root, f)));
}

/** The Markdown the rules apply to: every README and docs page, not changelogs or changesets. */
export function docFiles(root: string): string[] {
  return repoFiles(root, '*.md').filter(
    (f) => !f.endsWith('CHANGELOG.md') && !f.startsWith('.changeset/'),
  );
}

export interface Located extends Snippet {
  readonly file: string;
}

export function snippetsOf(root: string, files: readonly string[]): Located[] {
  return files.flatMap((file) =>
    parseSnippets(readFileSync(join(root, file), 'utf8')).map((s) => ({ ...s, file })),
  );
}

/** Problems with the markers themselves: missing, empty reason, id unused or repeated. */
export function markerProblems(snippets: readonly Located[], testSources: string): string[] {
  const problems: string[] = [];
  const ids = new Map<string, string>();
  for (const s of snippets) {
    const where = `${s.file}:${s.line}`;
    if (s.marker === undefined) {
      if (!OUTPUT_LANGS.has(s.lang)) {
        problems.push(
          `${where}: \`\`\`${s.lang} block has no marker — put <!-- snippet: some-id --> (and run it from a test) or <!-- not-run: why --> on the line before it`,
        );
      }
    } else if (s.marker.kind === 'not-run') {
      if (s.marker.reason.length < 10) problems.push(`${where}: not-run needs a reason`);
    } else {
      const { id } = s.marker;
      const first = ids.get(id);
      if (first) problems.push(`${where}: snippet id "${id}" already used at ${first}`);
      ids.set(id, where);
      if (!testSources.includes(`'${id}'`) && !testSources.includes(`"${id}"`)) {
        problems.push(
          `${where}: snippet "${id}" is not read by any test (no '${id}' in a test file)`,
        );
      }
    }
  }
  return problems;
}

const SHELL_LANGS = new Set(['sh', 'bash', 'shell', 'dockerfile']);
/** pnpm's own commands, which are not package scripts. */
const PNPM_COMMANDS = new Set(
  'add audit dlx exec install i link list ls outdated pack publish remove rm run test turbo update why store'.split(
    ' ',
  ),
);

/**
 * What a shell block names that must exist, checked for every block (run or not): repository
 * paths (`apps/…`, `packages/…`, `scripts/…`, `docs/…`, `bench/…`) and `pnpm [--filter X] script`
 * scripts.
 */
export function shellProblems(root: string, snippets: readonly Located[]): string[] {
  const problems: string[] = [];
  const scriptsOf = packageScripts(root);
  for (const s of snippets) {
    if (!SHELL_LANGS.has(s.lang)) continue;
    const where = `${s.file}:${s.line}`;
    const code = s.code.replace(/\\\n/g, ' ');
    for (const [path] of code.matchAll(
      /(?<![\w./-])(?:apps|packages|scripts|bench|docs)\/[\w./-]*[\w/]/g,
    )) {
      const base = path.replace(/\/$/, '');
      if (!existsSync(join(root, base)) && !/\*|\{/.test(base)) {
        problems.push(`${where}: path ${base} does not exist in the repository`);
      }
    }
    for (const m of code.matchAll(/\bpnpm((?:\s+--filter[= ]\S+)?)\s+(?:run\s+)?([a-z][\w:-]*)/g)) {
      const filter = m[1]?.replace(/^\s*--filter[= ]/, '').replace(/\.\.\.$/, '') || undefined;
      const script = m[2] as string;
      if (filter === undefined && PNPM_COMMANDS.has(script)) continue;
      if (filter !== undefined && PNPM_COMMANDS.has(script) && script !== 'test') continue;
      const scripts = scriptsOf.get(filter ?? '(root)');
      if (scripts === undefined) problems.push(`${where}: no package named ${filter}`);
      else if (!scripts.has(script)) {
        problems.push(`${where}: ${filter ?? 'the root package'} has no script "${script}"`);
      }
    }
  }
  return problems;
}

function packageScripts(root: string): Map<string, Set<string>> {
  const map = new Map<string, Set<string>>();
  for (const file of repoFiles(root, 'package.json', '*/*/package.json')) {
    const pkg = JSON.parse(readFileSync(join(root, file), 'utf8')) as {
      name?: string;
      scripts?: Record<string, string>;
    };
    const name = file === 'package.json' ? '(root)' : pkg.name;
    if (name) map.set(name, new Set(Object.keys(pkg.scripts ?? {})));
  }
  return map;
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\w\- ]/g, '')
    .replaceAll(' ', '-');
}

/**
 * A `**Contents:**` line (a README's table of contents) must list every `##` heading of its
 * file, and each of its `#anchor` links must lead to one.
 */
export function contentsProblems(file: string, markdown: string): string[] {
  const contents = markdown.split('\n').find((line) => line.startsWith('**Contents:**'));
  if (contents === undefined) return [];
  const anchors = new Set(
    [...markdown.matchAll(/^#{2,4} (.+)$/gm)].map((m) => headingAnchor(m[1] as string)),
  );
  const listed = [...contents.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1] as string);
  const problems = listed
    .filter((a) => !anchors.has(a))
    .map((a) => `${file}: Contents links #${a}, which no heading has`);
  for (const [, heading] of markdown.matchAll(/^## (.+)$/gm)) {
    const anchor = headingAnchor(heading as string);
    if (!listed.includes(anchor)) problems.push(`${file}: Contents misses "## ${heading}"`);
  }
  return problems;
}

/** Relative links (`[text](path)` or `[text](path#anchor)`) that lead to no file or folder. */
export function linkProblems(root: string, file: string, markdown: string): string[] {
  const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '.';
  const problems: string[] = [];
  const prose = markdown.replace(/^\s*(`{3,}|~{3,})[\s\S]*?^\s*\1\s*$/gm, '');
  for (const [, target] of prose.matchAll(/\]\(([^)\s]+)\)/g)) {
    const [path = '', anchor] = (target as string).split('#');
    if (/^[a-z][a-z0-9+.-]*:/i.test(path)) continue;
    const resolved = path === '' ? join(root, file) : join(root, dir, decodeURIComponent(path));
    if (!existsSync(resolved)) {
      problems.push(`${file}: link to ${target} leads nowhere`);
    } else if (
      anchor &&
      resolved.endsWith('.md') &&
      !anchorsOf(readFileSync(resolved, 'utf8')).has(anchor)
    ) {
      problems.push(`${file}: link to ${target}: no such heading or anchor there`);
    }
  }
  return problems;
}

/** The anchors a Markdown file offers: its headings' (GitHub's rule) and explicit `id="…"`s. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  for (const [, heading] of markdown.matchAll(/^#{1,6} (.+)$/gm)) {
    const base = headingAnchor(heading as string);
    let name = base;
    for (let n = 1; anchors.has(name); n++) name = `${base}-${n}`;
    anchors.add(name);
  }
  for (const [, id] of markdown.matchAll(/\bid="([^"]+)"/g)) anchors.add(id as string);
  return anchors;
}
