// Rewrites the case catalogue in README.md from the built case definitions (run `pnpm docs`).
import { readFile, writeFile } from 'node:fs/promises';
import { CASES, renderCatalogue, replaceCatalogue } from '../dist/index.js';

const readmeUrl = new URL('../README.md', import.meta.url);
const before = await readFile(readmeUrl, 'utf8');
const after = replaceCatalogue(before, renderCatalogue(CASES));
if (after === before) {
  console.log(`README.md case catalogue is up to date (${CASES.length} cases)`);
} else {
  await writeFile(readmeUrl, after);
  console.log(`README.md case catalogue rewritten (${CASES.length} cases)`);
}
