import { readFileSync } from 'node:fs';
import { ERROR_CODES } from '@tokenswap/core';
import { describe, expect, it } from 'vitest';
import { KNOWN_ENV_NAMES } from '../src/config/env-names.js';

const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('documents every environment variable the service reads', () => {
    for (const name of KNOWN_ENV_NAMES) expect(README, name).toContain(`\`${name}\``);
  });

  it('lists only real error codes, and every status the service answers errors with', () => {
    const section = README.slice(
      README.indexOf('### Errors'),
      README.indexOf('## Development mode'),
    );
    const rows = [...section.matchAll(/^\|\s*(\d{3})\s*\|\s*`([a-z_]+)`\s*\|/gm)];
    expect(rows.length).toBeGreaterThan(8);
    for (const [, , code] of rows) expect(ERROR_CODES).toContain(code);
    const statuses = new Set(rows.map(([, status]) => Number(status)));
    for (const status of [400, 404, 405, 413, 415, 429, 500, 502, 504]) {
      expect(statuses.has(status), String(status)).toBe(true);
    }
  });
});
