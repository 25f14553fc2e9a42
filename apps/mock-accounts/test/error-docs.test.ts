import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TOKEN_ERRORS, WEB_API_ERRORS } from '../src/index.js';

const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

/** The README's table rows as trimmed cells (the formatter pads them). */
const ROWS = README.split('\n')
  .filter((line) => line.startsWith('|'))
  .map((line) =>
    line
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim()),
  );

const hasRow = (first: string, second: string) =>
  ROWS.some((cells) => cells[0] === first && cells[1]?.startsWith(second));

describe('every error the mock sends is documented in the README', () => {
  for (const [name, e] of Object.entries(TOKEN_ERRORS)) {
    it(`token error ${name}`, () => {
      expect(hasRow(`\`${e.body.error}\``, `\`${e.body.error_description}\``)).toBe(true);
      if (e.status !== 400) expect(README).toContain(`status \`${e.status}\``);
    });
  }
  for (const [name, e] of Object.entries(WEB_API_ERRORS)) {
    it(`Web API error ${name}`, () => {
      expect(hasRow(String(e.body.error.status), `\`${e.body.error.message}\``)).toBe(true);
    });
  }
});
