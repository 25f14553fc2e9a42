import { existsSync, readFileSync } from 'node:fs';
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

describe('docs/migrating.md', () => {
  const migrating = readFileSync(new URL('../../../docs/migrating.md', import.meta.url), 'utf8');

  it('cites test files that exist, and its command runs every one of them', () => {
    const section = migrating.slice(
      migrating.indexOf('**Tests cited**'),
      migrating.indexOf('## Steps'),
    );
    const command = section.match(
      /`pnpm exec vitest run --project @tokenswap\/swap-service ([^`]+)`/,
    )?.[1];
    const cited = [...section.matchAll(/`([\w/-]+\.test\.ts)`/g)].map((m) => m[1] as string);
    expect(cited.length).toBeGreaterThan(10);
    const args = (command ?? '').split(' ');
    for (const file of cited) {
      expect(existsSync(new URL(`../test/${file}`, import.meta.url)), file).toBe(true);
      expect(
        args.some((arg) => `test/${file}`.startsWith(arg)),
        file,
      ).toBe(true);
    }
  });
});

describe('variables named in the docs', () => {
  // A misspelt variable in a doc is as bad as one in a deployment: the service refuses it at
  // start-up, so the reader's copy fails. Every NAME=… in the service's docs is one it reads.
  const SERVICE_PREFIXES =
    /\b((?:SPOTIFY|TOKEN|TOKENSWAP|UPSTREAM|RATE_LIMIT|METRICS|SHUTDOWN|LEGACY|ENCRYPTION)_[A-Z0-9_]+)=/g;
  const docs = [
    '../README.md',
    '../docs/production.md',
    '../docs/reference-mode.md',
    '../../../docs/migrating.md',
    '../../../README.md',
  ];

  it.each(docs)('%s sets only variables the service reads', (path) => {
    const text = readFileSync(new URL(path, import.meta.url), 'utf8');
    const named = [...text.matchAll(SERVICE_PREFIXES)].map((m) => m[1] as string);
    expect(named.length).toBeGreaterThan(0);
    for (const name of named) expect(KNOWN_ENV_NAMES, `${path}: ${name}`).toContain(name);
  });
});
