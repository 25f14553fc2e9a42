import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_STATUS, ERROR_CODES } from '../src/index.js';

const README = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');

describe('README', () => {
  it.each(ERROR_CODES)('lists error code %s with its default status', (code) => {
    expect(README).toContain(`| \`${code}\` | ${DEFAULT_STATUS[code]} |`);
  });

  it('lists no code that does not exist', () => {
    const table = README.slice(README.indexOf('## Error codes'));
    const listed = [...table.matchAll(/^\| `([a-z_]+)` \| \d{3} \|/gm)].map((m) => m[1]);
    expect([...listed].sort()).toEqual([...ERROR_CODES].sort());
  });

  it('documents the PBKDF2 parameters the code uses', () => {
    expect(README).toContain('600000');
    expect(README).toContain('tokenswap/seal/v1/');
  });
});
