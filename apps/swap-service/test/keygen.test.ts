import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { importKeyring, parseKeyringSpec } from '@tokenswap/core';
import { describe, expect, it } from 'vitest';

const KEYGEN_JS = fileURLToPath(new URL('../dist/keygen.js', import.meta.url));

function keygen(...args: string[]) {
  return spawnSync(process.execPath, [KEYGEN_JS, ...args], { encoding: 'utf8', timeout: 15_000 });
}

describe('keygen', () => {
  it('prints a fresh keyId:key pair on stdout that the keyring accepts', async () => {
    const first = keygen('--id', '2026-11');
    expect(first.status).toBe(0);
    const pair = first.stdout.trim();
    expect(pair).toMatch(/^2026-11:[A-Za-z0-9_-]{43}$/);
    expect(first.stderr).toContain('TOKEN_ENCRYPTION_KEYS');
    const specs = parseKeyringSpec(pair);
    expect(specs.ok).toBe(true);
    if (specs.ok) expect((await importKeyring(specs.value)).ok).toBe(true);
    expect(keygen().stdout.trim()).not.toBe(keygen().stdout.trim());
  });

  it('refuses a bad key id', () => {
    const bad = keygen('--id', 'has.dot');
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
  });
});
