import { readFileSync } from 'node:fs';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { LOCK_MARGIN_MS, refreshLockLifetimeMs } from '../../src/reference/lock-lifetime.js';
import { createMemoryStore } from '../../src/reference/memory-store.js';
import { REFERENCE_ENV_NAMES } from '../../src/reference/reference-config.js';
import {
  refreshInProgressError,
  refreshTokenExpiredError,
} from '../../src/reference/reference-errors.js';
import { referenceMetrics } from '../../src/reference/reference-metrics.js';
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

describe('docs/reference-mode.md states the figures of the code', () => {
  it('one lock lifetime: UPSTREAM_TIMEOUT_MS + the margin, and its default', () => {
    expect(doc).toContain(
      `\`UPSTREAM_TIMEOUT_MS\` + ${LOCK_MARGIN_MS / 1000} s: ${refreshLockLifetimeMs() / 1000} s with the defaults`,
    );
    // No other lock lifetime survives anywhere in the page.
    expect(doc).not.toMatch(/lock (lives|lifetime is) \d+ s/);
  });

  it('lists every reference-mode metric', async () => {
    const registry = new Registry();
    referenceMetrics(registry, createMemoryStore());
    const names = (await registry.getMetricsAsJSON()).map((metric) => metric.name);
    expect(names.length).toBeGreaterThanOrEqual(6);
    for (const name of names) expect(doc).toContain(`\`${name}`);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
