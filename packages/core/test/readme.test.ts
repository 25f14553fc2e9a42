import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_STATUS, ERROR_CODES, PASSPHRASE_KDF } from '../src/index.js';

const README = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');

describe('README', () => {
  it.each(ERROR_CODES)('lists error code %s with its default status', (code) => {
    // Cells may be padded by the formatter.
    expect(README).toMatch(new RegExp(`^\\| \`${code}\` +\\| ${DEFAULT_STATUS[code]} +\\|`, 'm'));
  });

  it('lists no code that does not exist', () => {
    const table = README.slice(README.indexOf('## Error codes'));
    const listed = [...table.matchAll(/^\| `([a-z_]+)` +\| \d{3} +\|/gm)].map((m) => m[1]);
    expect([...listed].sort()).toEqual([...ERROR_CODES].sort());
  });

  it('documents the PBKDF2 parameters the code uses', () => {
    expect(README).toContain(`| iterations | ${PASSPHRASE_KDF.iterations} `);
    expect(README).toContain(`\`${PASSPHRASE_KDF.saltPrefix}\` + key id`);
    expect(README).toContain('PBKDF2-HMAC-SHA-256');
  });
});
