import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { screenshotPath } from '../src/index.js';

const pkg = mkdtempSync(join(tmpdir(), 'test-support-pkg-'));
afterAll(() => rmSync(pkg, { recursive: true, force: true }));
const committed = pathToFileURL(join(pkg, 'docs', 'page.png'));

describe('screenshotPath', () => {
  it('writes beside the package in test-results/screenshots on an ordinary run', () => {
    const path = screenshotPath(committed, {});
    expect(path).toBe(join(pkg, 'test-results', 'screenshots', 'page.png'));
    expect(existsSync(join(pkg, 'test-results', 'screenshots'))).toBe(true);
  });

  it('gives the committed picture only under UPDATE_SCREENSHOTS=1', () => {
    expect(screenshotPath(committed, { UPDATE_SCREENSHOTS: '1' })).toBe(
      join(pkg, 'docs', 'page.png'),
    );
  });
});
