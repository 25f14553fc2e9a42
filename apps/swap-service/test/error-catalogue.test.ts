import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SERVICE_ERRORS, serviceError } from '../src/errors.js';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.[cm]?[jt]s$/.test(entry.name) ? [path] : [];
  });
}

describe('one error catalogue (src/errors.ts)', () => {
  it('is the only source file that constructs a TokenSwapError', () => {
    const builders = sourceFiles(SRC)
      .filter((path) => readFileSync(path, 'utf8').includes('new TokenSwapError('))
      .map((path) => relative(SRC, path).replaceAll('\\', '/'));
    expect(builders).toEqual(['errors.ts']);
  });

  it.each(Object.keys(SERVICE_ERRORS) as (keyof typeof SERVICE_ERRORS)[])(
    'makes %s with its status and a description',
    (name) => {
      const error = serviceError(name, 1 as never);
      expect(error.status).toBe(SERVICE_ERRORS[name].status);
      expect(error.code).toBe(SERVICE_ERRORS[name].code);
      expect(error.description.length).toBeGreaterThan(0);
    },
  );
});
