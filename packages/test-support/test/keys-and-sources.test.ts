import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseKeyringSpec } from '@tokenswap/core';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeOnlyUses, sourceFiles, withoutComments } from '../src/source-files.js';
import { newKeyEntry, newTestKey, testKeyring } from '../src/test-keys.js';

describe('test keys', () => {
  it('newKeyEntry is one fresh TOKEN_ENCRYPTION_KEYS entry core parses', () => {
    const entry = newKeyEntry('k1');
    expect(entry).toMatch(/^k1:[A-Za-z0-9_-]{43}$/);
    expect(parseKeyringSpec(entry)).toMatchObject({ ok: true });
    expect(newKeyEntry('k1')).not.toBe(entry);
  });

  it('newTestKey gives the entry and the same key imported', async () => {
    const key = await newTestKey('k9');
    expect(key.spec).toMatch(/^k9:/);
    expect(key.keyring.ids).toEqual(['k9']);
    expect((await testKeyring()).ids).toEqual(['test']);
  });
});

const dir = mkdtempSync(join(tmpdir(), 'test-support-sources-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('source scans', () => {
  it('lists .ts files in nested folders only', () => {
    writeFileSync(join(dir, 'a.ts'), '');
    writeFileSync(join(dir, 'b.js'), '');
    const nested = mkdtempSync(join(dir, 'nested-'));
    writeFileSync(join(nested, 'c.ts'), '');
    expect(
      sourceFiles(dir)
        .map((f) => f.slice(dir.length))
        .sort(),
    ).toEqual(['/a.ts', `${nested.slice(dir.length)}/c.ts`].sort());
  });

  it('strips comments, then names each Node-only use (and the extra patterns)', () => {
    expect(withoutComments('/** fetch(x) */\n// process\ncode').trim()).toBe('code');
    const file = join(dir, 'uses.ts');
    writeFileSync(
      file,
      "// process is fine in a comment\nimport { x } from 'node:fs';\nBuffer.from(x);\nMath.random();\n",
    );
    expect(nodeOnlyUses(file)).toEqual(['a node:* import', 'Buffer']);
    expect(nodeOnlyUses(file, { 'Math.random': /Math\.random/ })).toEqual([
      'a node:* import',
      'Buffer',
      'Math.random',
    ]);
    writeFileSync(file, '/** process.env, setTimeout */\nexport const pure = 1;\n');
    expect(nodeOnlyUses(file)).toEqual([]);
  });
});
