import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  relativeImports,
  SWAP_SERVICE_BIN,
  shebangNodeArgs,
  swapServiceEntry,
} from '../lib/swap-service-entry.mjs';
import { listensOn } from '../lib/upstream-connections.mjs';

describe('shebangNodeArgs', () => {
  it.each([
    ['#!/usr/bin/env node', []],
    [
      '#!/usr/bin/env -S node --max-semi-space-size=1 --liftoff-only',
      ['--max-semi-space-size=1', '--liftoff-only'],
    ],
    ['#!/usr/local/bin/node --enable-source-maps', ['--enable-source-maps']],
    ['#!/bin/sh', []],
    ["import './x.js';", []],
  ])('%s', (line, args) => {
    expect(shebangNodeArgs(`${line}\nimport './a.js';\n`)).toEqual(args);
  });
});

describe('relativeImports', () => {
  it('lists the relative modules a launcher imports, resolved against its folder', () => {
    const source =
      "#!/usr/bin/env node\nimport '../dist/server.mjs';\nimport { x } from './y.js';\nimport fs from 'node:fs';\n";
    expect(relativeImports(source, '/pkg/bin')).toEqual(['/pkg/dist/server.mjs', '/pkg/bin/y.js']);
  });
});

describe('swapServiceEntry', () => {
  it('is the file apps/swap-service/package.json names as the tokenswap-swap-service bin', () => {
    const manifest = JSON.parse(
      readFileSync(new URL('../../apps/swap-service/package.json', import.meta.url), 'utf8'),
    );
    const entry = swapServiceEntry();
    expect(entry.bin).toBe(SWAP_SERVICE_BIN);
    expect(entry.entry).toBe(join('apps/swap-service', manifest.bin[SWAP_SERVICE_BIN]));
    expect(entry.imports.length).toBeGreaterThan(0);
    for (const file of entry.imports) expect(file.startsWith('apps/swap-service/')).toBe(true);
  });

  it("takes the node flags of the bin's shebang, and refuses a package without the bin", () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-entry-test-'));
    mkdirSync(join(dir, 'bin'));
    writeFileSync(
      join(dir, 'bin/start.js'),
      "#!/usr/bin/env -S node --max-semi-space-size=2\nimport '../dist/main.mjs';\n",
    );
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ bin: { [SWAP_SERVICE_BIN]: './bin/start.js' } }),
    );
    const entry = swapServiceEntry(dir);
    expect(entry.path).toBe(join(dir, 'bin/start.js'));
    expect(entry.nodeArgs).toEqual(['--max-semi-space-size=2']);

    writeFileSync(join(dir, 'package.json'), JSON.stringify({ bin: { other: './bin/start.js' } }));
    expect(() => swapServiceEntry(dir)).toThrow(/has no bin "tokenswap-swap-service"/);
  });
});

describe.runIf(process.platform === 'linux')('listensOn', () => {
  it('is true for the process holding the listening socket, false for another port', async () => {
    const server = createServer();
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address();
    try {
      expect(listensOn(process.pid, port)).toBe(true);
      expect(listensOn(process.pid, port === 65535 ? 65534 : port + 1)).toBe(false);
    } finally {
      server.close();
    }
  });
});
