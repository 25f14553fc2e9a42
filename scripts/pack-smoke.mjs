#!/usr/bin/env node
// The publish proof (see CONTRIBUTING.md): pack every public package exactly as `changeset
// publish` would, install the tarballs into a fresh project outside the workspace with plain
// npm, and use them there as a user would — no workspace links, no dist/ from the repo.
//   (a) import @tokenswap/core and seal/open a token;
//   (b) start tokenswap-mock-accounts and tokenswap-swap-service from their installed bins;
//   (c) run tokenswap-conformance against them and require exit 0.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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

function waitForUrl(child, name) {
  return new Promise((resolveUrl, reject) => {
    let out = '';
    const timer = setTimeout(
      () => reject(new Error(`${name} printed no URL in 20 s:\n${out}`)),
      20_000,
    );
    const onData = (chunk) => {
      out += chunk;
      const match = out.match(/http:\/\/127\.0\.0\.1:\d+/);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[0]);
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
  step('ok');
} finally {
  for (const child of children) child.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}
