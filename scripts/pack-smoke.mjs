#!/usr/bin/env node
// The publish proof (see CONTRIBUTING.md): pack every public package exactly as `changeset
// publish` would, install the tarballs into a fresh project outside the workspace with plain
// npm, and use them there as a user would — no workspace links, no dist/ from the repo.
//   (a) import @tokenswap/core and seal/open a token;
//   (b) start tokenswap-mock-accounts and tokenswap-swap-service from their installed bins;
//   (c) run tokenswap-conformance against them and require exit 0;
//   (d) install the swap service alone with `npm i --ignore-scripts` (nothing compiled, none of
//       its optional peers), check its bin runs the bundled entry, run it in sealed mode, and
//       check that each optional part names the package to install when it is missing.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const packages = [
  'packages/core',
  'packages/handler',
  'apps/mock-accounts',
  'apps/swap-service',
  'packages/conformance',
];
const work = mkdtempSync(join(tmpdir(), 'tokenswap-pack-'));
const tarballs = join(work, 'tarballs');
const project = join(work, 'project');
mkdirSync(tarballs);
mkdirSync(project);

const step = (msg) => console.log(`\n--- pack-smoke: ${msg}`);
const children = [];

function waitForUrl(child, name, pattern = /http:\/\/127\.0\.0\.1:\d+/) {
  return new Promise((resolveUrl, reject) => {
    let out = '';
    const timer = setTimeout(
      () => reject(new Error(`${name} printed no URL in 20 s:\n${out}`)),
      20_000,
    );
    const onData = (chunk) => {
      out += chunk;
      const match = out.match(pattern);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1] ?? match[0]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) =>
      reject(new Error(`${name} exited (${code}) before it listened:\n${out}`)),
    );
  });
}

function startBin(name, args, env) {
  const child = spawn(join(project, 'node_modules', '.bin', name), args, {
    cwd: project,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  children.push(child);
  return child;
}

try {
  step('pack');
  for (const dir of packages) {
    execFileSync('pnpm', ['pack', '--pack-destination', tarballs], {
      cwd: join(root, dir),
      stdio: 'inherit',
    });
  }
  const files = readdirSync(tarballs).map((f) => join(tarballs, f));

  step('install the tarballs with npm into a fresh project');
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'smoke', private: true, type: 'module' }),
  );
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...files], {
    cwd: project,
    stdio: 'inherit',
  });

  step('(a) core: seal and open');
  writeFileSync(
    join(project, 'core.mjs'),
    `import { generateKeySpec, importKeyring, openRefreshToken, sealRefreshToken } from '@tokenswap/core';
const keyring = await importKeyring([generateKeySpec({ id: 'k1' })]);
if (!keyring.ok) throw keyring.error;
const sealed = await sealRefreshToken('spotify-refresh-token', keyring.value, { clientId: 'app' });
const opened = await openRefreshToken(sealed, keyring.value, { clientId: 'app' });
if (!opened.ok || opened.value !== 'spotify-refresh-token') throw new Error('round trip failed');
console.log('sealed', sealed.slice(0, 12) + '…', 'and opened it');
`,
  );
  execFileSync('node', ['core.mjs'], { cwd: project, stdio: 'inherit' });

  step('(a2) handler: a fetch handler from the installed package answers OAuth JSON');
  writeFileSync(
    join(project, 'handler.mjs'),
    `import { createTokenSwapHandler, fromEnv } from '@tokenswap/handler';
import { formatKeyringSpec, generateKeySpec } from '@tokenswap/core';
const handler = createTokenSwapHandler(fromEnv({
  SPOTIFY_CLIENT_ID: 'id', SPOTIFY_CLIENT_SECRET: 'secret', SPOTIFY_REDIRECT_URI: 'app://cb',
  TOKEN_ENCRYPTION_KEYS: formatKeyringSpec([generateKeySpec({ id: 'k1' })]),
}));
const answer = await handler(new Request('http://x/swap', { method: 'POST' }));
const body = await answer.json();
if (answer.status !== 400 || body.error !== 'invalid_request') throw new Error(JSON.stringify(body));
console.log('handler answered', answer.status, body.error);
`,
  );
  execFileSync('node', ['handler.mjs'], { cwd: project, stdio: 'inherit' });

  step('(b) start tokenswap-mock-accounts from its bin and get a token from it');
  const mockUrl = await waitForUrl(
    startBin('tokenswap-mock-accounts', ['--port', '0', '--host', '127.0.0.1'], {}),
    'mock',
  );
  const grant = await fetch(`${mockUrl}/api/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${btoa('tokenswap-demo-client:tokenswap-demo-secret')}`,
    },
    body: 'grant_type=client_credentials',
  });
  if (grant.status !== 200)
    throw new Error(`mock bin answered ${grant.status} to client_credentials`);
  console.log('mock bin at', mockUrl, 'issued a client_credentials token');

  step(
    '(c) tokenswap-conformance spawns tokenswap-swap-service from its bin and judges it (exit 0)',
  );
  execFileSync(
    join(project, 'node_modules', '.bin', 'tokenswap-conformance'),
    [
      '--spawn',
      join(project, 'node_modules', '.bin', 'tokenswap-swap-service'),
      '--env',
      'SPOTIFY_CLIENT_ID={client_id}',
      '--env',
      'SPOTIFY_CLIENT_SECRET={client_secret}',
      '--env',
      'SPOTIFY_REDIRECT_URI={redirect_uri}',
      '--env',
      'SPOTIFY_ACCOUNTS_URL={accounts_url}',
      '--env',
      'TOKEN_ENCRYPTION_KEYS=k1:{random_key}',
      '--env',
      'HOST=127.0.0.1',
      '--env',
      'PORT={port}',
      '--env',
      'LOG_LEVEL=warn',
      '--swap-url',
      'http://127.0.0.1:{port}/swap',
      '--refresh-url',
      'http://127.0.0.1:{port}/refresh',
      '--env',
      'UPSTREAM_TIMEOUT_MS=2000',
      '--slow-delay',
      '4',
      '--timeout-bound',
      '3',
    ],
    { cwd: project, stdio: 'inherit' },
  );
  await swapServiceAlone(files, mockUrl);
  step('ok');
} finally {
  for (const child of children) child.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}

/** (d): the swap service installed without its optional peers, as production would. */
async function swapServiceAlone(files, mockUrl) {
  step('(d) npm i --ignore-scripts the swap service alone: no optional peer, sealed mode runs');
  const alone = join(work, 'alone');
  mkdirSync(alone);
  writeFileSync(
    join(alone, 'package.json'),
    JSON.stringify({ name: 'alone', private: true, type: 'module' }),
  );
  const wanted = files.filter((file) => /tokenswap-(core|handler|swap-service)-/.test(file));
  execFileSync(
    'npm',
    ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error', ...wanted],
    { cwd: alone, stdio: 'inherit' },
  );
  for (const name of ['better-sqlite3', 'ioredis', '@tokenswap/mock-accounts']) {
    if (existsSync(join(alone, 'node_modules', name))) {
      throw new Error(`npm installed the optional peer ${name}`);
    }
  }
  // The bin runs the bundled entry (one file: fastify, undici... inside), shipped with its map
  // and the bundled packages' licences; nothing the bundler needs is installed.
  const installed = join(alone, 'node_modules', '@tokenswap', 'swap-service');
  for (const file of ['server.bundle.js', 'server.bundle.js.map', 'server.bundle.licenses.txt']) {
    if (!existsSync(join(installed, 'dist', file)))
      throw new Error(`the tarball lacks dist/${file}`);
  }
  if (
    !readFileSync(join(installed, 'bin', 'tokenswap-swap-service.js'), 'utf8').includes(
      "import '../dist/server.bundle.js'",
    )
  ) {
    throw new Error('the tokenswap-swap-service bin does not run dist/server.bundle.js');
  }
  if (existsSync(join(alone, 'node_modules', 'esbuild'))) throw new Error('npm installed esbuild');
  const bin = join(alone, 'node_modules', '.bin', 'tokenswap-swap-service');
  const sealedEnv = {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    SPOTIFY_CLIENT_ID: 'tokenswap-demo-client',
    SPOTIFY_CLIENT_SECRET: 'tokenswap-demo-secret',
    SPOTIFY_REDIRECT_URI: 'tokenswap-demo://callback',
    SPOTIFY_ACCOUNTS_URL: mockUrl,
    SPOTIFY_ACCOUNTS_ALLOW_HTTP: 'true',
    TOKEN_ENCRYPTION_KEYS: `k1:${Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url')}`,
    HOST: '127.0.0.1',
    PORT: '0',
  };
  const child = spawn(bin, [], { cwd: alone, env: sealedEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  children.push(child);
  const swapUrl = await waitForUrl(child, 'swap service (alone)', /swap: +POST (\S+)/);
  const answer = await fetch(swapUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'code=',
  });
  const body = await answer.json();
  if (answer.status !== 400 || body.error !== 'invalid_request') {
    throw new Error(`sealed mode answered ${answer.status} ${JSON.stringify(body)}`);
  }
  console.log('sealed mode at', swapUrl, 'answered', answer.status, body.error);
  child.kill('SIGTERM');

  step('(d2) each missing optional part says what to install');
  const hasNodeSqlite = spawnSync('node', ['-e', "require('node:sqlite')"]).status === 0;
  const cases = [
    ['redis', { TOKEN_MODE: 'reference', TOKEN_STORE: 'redis://127.0.0.1:9' }, 'npm i ioredis'],
    ['development mode', { NODE_ENV: 'development' }, 'npm i @tokenswap/mock-accounts'],
  ];
  // On Node >= 22.13 node:sqlite stands in for better-sqlite3, so SQLite needs nothing there.
  if (!hasNodeSqlite) {
    const db = join(alone, 'tokens.db');
    cases.push([
      'sqlite',
      { TOKEN_MODE: 'reference', TOKEN_STORE: `sqlite:${db}` },
      'npm i better-sqlite3',
    ]);
  }
  for (const [what, extra, expected] of cases) {
    const env = { ...sealedEnv, ...extra };
    if (extra.NODE_ENV === 'development') {
      for (const name of ['SPOTIFY_CLIENT_ID', 'SPOTIFY_CLIENT_SECRET', 'SPOTIFY_REDIRECT_URI']) {
        delete env[name];
      }
      delete env.SPOTIFY_ACCOUNTS_URL;
      delete env.SPOTIFY_ACCOUNTS_ALLOW_HTTP;
    }
    const run = spawnSync(bin, [], { cwd: alone, env, encoding: 'utf8', timeout: 20_000 });
    const output = `${run.stdout}${run.stderr}`;
    if (run.status !== 1 || !output.includes(expected)) {
      throw new Error(`${what} without its package: exit ${run.status}, output:\n${output}`);
    }
    console.log(`${what}:`, output.trim().split('\n').at(-1));
  }
}
