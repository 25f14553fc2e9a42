import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import parse from '@changesets/parse';
import { describe, expect, it } from 'vitest';

// Every pending changeset must still be one `changeset version` can read: a front matter of
// `"package": bump` lines naming packages of this workspace. Biome's Markdown formatter once
// turned `"pkg": minor` + `---` into a `## "pkg": minor` heading, silently dropping the bump;
// biome.json now leaves .changeset/*.md alone, and this test keeps it that way.
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CHANGESETS = join(ROOT, '.changeset');

function workspacePackages(): Set<string> {
  const names = new Set<string>();
  for (const group of ['packages', 'apps']) {
    for (const dir of readdirSync(join(ROOT, group))) {
      const manifest = JSON.parse(readFileSync(join(ROOT, group, dir, 'package.json'), 'utf8'));
      if (manifest.private !== true) names.add(manifest.name);
    }
  }
  return names;
}

const files = readdirSync(CHANGESETS).filter((f) => f.endsWith('.md') && f !== 'README.md');

describe('pending changesets', () => {
  it('there are some to check', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('%s names published workspace packages with a bump and a summary', (file) => {
    const text = readFileSync(join(CHANGESETS, file), 'utf8');
    const changeset = parse(text);
    expect(changeset.releases.length, 'at least one "package": bump line').toBeGreaterThan(0);
    const known = workspacePackages();
    for (const release of changeset.releases) {
      expect(known, `${release.name} is a published package of this workspace`).toContain(
        release.name,
      );
      expect(['patch', 'minor', 'major']).toContain(release.type);
    }
    expect(changeset.summary.trim()).not.toBe('');
    expect(changeset.summary, 'no heading where the front matter was').not.toMatch(/^#+ "/m);
  });
});
