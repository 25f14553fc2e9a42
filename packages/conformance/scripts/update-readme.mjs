// Rewrites the case catalogue in docs/cases.md from the built case definitions (run `pnpm docs`).
import { readFile, writeFile } from 'node:fs/promises';
import { CASES, renderCatalogue, replaceCatalogue } from '../dist/index.js';

const readmeUrl = new URL('../docs/cases.md', import.meta.url);
const before = await readFile(readmeUrl, 'utf8');
const after = replaceCatalogue(before, renderCatalogue(CASES));
if (after === before) {
  console.log(`docs/cases.md case catalogue is up to date (${CASES.length} cases)`);
} else {
  await writeFile(readmeUrl, after);
  console.log(`docs/cases.md case catalogue rewritten (${CASES.length} cases)`);
}
