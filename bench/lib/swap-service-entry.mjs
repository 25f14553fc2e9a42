/**
 * The swap service is started the way its users start it: the file its package.json names as
 * the `tokenswap-swap-service` bin, with the node flags of that file's shebang, run by this
 * node (`node [flags] bin/…`, one process: the pid the bench samples is the server itself).
 * Whatever the bin imports (today dist/server.js, or a bundled file) is what gets measured.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';

export const SWAP_SERVICE_BIN = 'tokenswap-swap-service';

const REPO_ROOT = new URL('../../', import.meta.url).pathname;
const PACKAGE_DIR = resolve(REPO_ROOT, 'apps/swap-service');

/**
 * Node flags in a shebang line: `#!/usr/bin/env node` gives none, `#!/usr/bin/env -S node
 * --max-semi-space-size=1` gives `['--max-semi-space-size=1']`; not a node shebang gives none.
 * @param {string} source  the file's text
 * @returns {string[]}
 */
export function shebangNodeArgs(source) {
  const first = source.split('\n', 1)[0] ?? '';
  const match = /^#!\s*(?:\S*\/env\s+(?:-S\s+)?node|\S*\/node)(?:\s+(.*))?$/.exec(first.trimEnd());
  return match?.[1] ? match[1].split(/\s+/).filter(Boolean) : [];
}

/**
 * Relative modules a launcher imports statically (`import '../dist/x.js'`, `… from './y.js'`),
 * resolved against its folder: the files that must be built before the bench can start it.
 * @param {string} source
 * @param {string} fromDir
 * @returns {string[]}
 */
export function relativeImports(source, fromDir) {
  const specifiers = [
    ...source.matchAll(/^\s*import\s+(?:[^'"]*?\s+from\s+)?['"](\.{1,2}\/[^'"]+)['"]/gm),
  ];
  return specifiers.map((m) => resolve(fromDir, m[1]));
}

/**
 * @typedef {object} SwapServiceEntry
 * @property {string} bin        the bin's name
 * @property {string} entry      the bin's file, relative to the repository (recorded in the results)
 * @property {string} path       the same, absolute (what is spawned)
 * @property {string[]} nodeArgs node flags from its shebang
 * @property {string[]} imports  relative modules it imports, relative to the repository
 */

/**
 * The swap service's launch entry, read from `packageDir`'s package.json.
 * @param {string} [packageDir]
 * @returns {SwapServiceEntry}
 */
export function swapServiceEntry(packageDir = PACKAGE_DIR) {
  const manifest = JSON.parse(readFileSync(resolve(packageDir, 'package.json'), 'utf8'));
  const binField =
    typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.[SWAP_SERVICE_BIN];
  if (typeof binField !== 'string') {
    throw new Error(`${packageDir}/package.json has no bin "${SWAP_SERVICE_BIN}"`);
  }
  const path = resolve(packageDir, binField);
  if (!existsSync(path)) throw new Error(`the bin ${SWAP_SERVICE_BIN} (${path}) does not exist`);
  const source = readFileSync(path, 'utf8');
  const fromRepo = (file) => relative(REPO_ROOT, file);
  return {
    bin: SWAP_SERVICE_BIN,
    entry: fromRepo(path),
    path,
    nodeArgs: shebangNodeArgs(source),
    imports: relativeImports(source, dirname(path)).map(fromRepo),
  };
}
