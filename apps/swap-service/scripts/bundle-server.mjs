#!/usr/bin/env node
// The second half of `pnpm build` (after tsc): bundles dist/server.js and everything it imports
// into one file, dist/server.bundle.js, which the `tokenswap-swap-service` bin, `pnpm start` and
// docs/production.md run. Loading ~500 small CommonJS files (fastify, undici, ajv, prom-client,
// pino...) was most of the service's cold start; one file halves it (see README, "Production
// deployment"). dist/index.js, the library API, stays unbundled.
//
// Left out of the bundle and loaded only by the configurations that use them: the optional peer
// dependencies (src/load-optional.ts), resolved from node_modules at run time as before.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const root = resolve(import.meta.dirname, '..');
const OPTIONAL_PEERS = Object.keys(
  JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).peerDependenciesMeta,
);
const OUTFILE = join(root, 'dist/server.bundle.js');
const NOTICES = join(root, 'dist/server.bundle.licenses.txt');

const result = await build({
  entryPoints: [join(root, 'dist/server.js')],
  outfile: OUTFILE,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  external: OPTIONAL_PEERS,
  // CommonJS dependencies call require() for Node built-ins; an ES module has none of its own.
  banner: {
    js: "import { createRequire as __tokenswapCreateRequire } from 'node:module';\nconst require = __tokenswapCreateRequire(import.meta.url);",
  },
  // Not minified: names and code stay readable in an operator's stack trace, and esbuild marks
  // where each original file starts. The linked map (no sources inside) is used only when the
  // operator starts node with --enable-source-maps.
  sourcemap: 'linked',
  sourcesContent: false,
  legalComments: 'eof',
  metafile: true,
  logLevel: 'warning',
});

writeFileSync(NOTICES, thirdPartyNotices(result.metafile));

/**
 * The licence of every third-party package whose code is inside the bundle: their licences (MIT,
 * ISC, BSD, Apache-2.0) ask that the notice travels with copies of the code.
 */
function thirdPartyNotices(metafile) {
  const packageDirs = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    const dir = packageDirOf(resolve(root, input));
    if (dir !== undefined) packageDirs.add(dir);
  }
  const sections = [...packageDirs]
    .map((dir) => {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      return { name: manifest.name, version: manifest.version, license: manifest.license, dir };
    })
    .filter((pkg) => !pkg.name.startsWith('@tokenswap/'))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map(
      (pkg) =>
        `${pkg.name}@${pkg.version} (${pkg.license})\n\n${licenceText(pkg.dir, pkg.license)}`,
    );
  return [
    `dist/server.bundle.js contains code from these ${sections.length} packages, under their own licences:`,
    ...sections,
  ].join(`\n\n${'-'.repeat(78)}\n\n`);
}

/** The folder of the package a bundled file belongs to (the last node_modules/<name> in its path). */
function packageDirOf(file) {
  const marker = '/node_modules/';
  const at = file.lastIndexOf(marker);
  if (at === -1) return undefined;
  const rest = file.slice(at + marker.length).split('/');
  const nameParts = rest[0]?.startsWith('@') ? 2 : 1;
  return join(file.slice(0, at + marker.length), ...rest.slice(0, nameParts));
}

function licenceText(dir, license) {
  for (const name of ['LICENSE', 'LICENSE.md', 'LICENSE.txt', 'license', 'LICENCE', 'license.md']) {
    try {
      return readFileSync(join(dir, name), 'utf8').trim();
    } catch {
      // try the next spelling
    }
  }
  return `(the package ships no licence file; its package.json says ${license})`;
}
