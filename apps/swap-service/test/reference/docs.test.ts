import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REFERENCE_ENV_NAMES } from '../../src/reference/reference-config.js';
import {
  refreshInProgressError,
  refreshTokenExpiredError,
} from '../../src/reference/reference-errors.js';
import { tokenStoreUnavailable } from '../../src/reference/store-unavailable.js';

const doc = readFileSync(new URL('../../docs/reference-mode.md', import.meta.url), 'utf8');

describe('docs/reference-mode.md', () => {
  it.each(REFERENCE_ENV_NAMES)('documents %s', (name) => {
    expect(doc).toContain(`\`${name}\``);
  });

  it.each([refreshTokenExpiredError(), tokenStoreUnavailable(), refreshInProgressError()])(
    'lists the error "$description" with its status and code',
    (error) => {
      // Columns may be padded by the Markdown formatter.
      const row = new RegExp(
        `\\|\\s*${error.status}\\s*\\|\\s*\`${error.code}\`\\s*\\|\\s*\`${escapeRegExp(error.description)}\`\\s*\\|`,
      );
      expect(doc).toMatch(row);
    },
  );
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
