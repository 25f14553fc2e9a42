import { readFileSync } from 'node:fs';
import { ERROR_CODES } from '@tokenswap/core';
import { describe, expect, it } from 'vitest';
import { KNOWN_ENV_NAMES } from '../src/config/env-names.js';
import { answeredErrors } from '../src/errors.js';

const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('documents every environment variable the service reads', () => {
    for (const name of KNOWN_ENV_NAMES) expect(README, name).toContain(`\`${name}\``);
  });

  it('lists every status and code the service answers, as the catalogue in src/errors.ts has them', () => {
    const section = README.slice(
      README.indexOf('### Errors'),
      README.indexOf('## Development mode'),
    );
    const rows = [...section.matchAll(/^\|\s*(\d{3})\s*\|\s*`([a-z_]+)`\s*\|/gm)];
    for (const [, , code] of rows) expect(ERROR_CODES).toContain(code);
    const documented = new Set(rows.map(([, status, code]) => `${status} ${code}`));
    expect([...documented].sort()).toEqual([...answeredErrors()].sort());
  });
});
