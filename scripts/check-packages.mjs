#!/usr/bin/env node
// Lints every public package as published: publint (exports, files, bin, types) and
// Are The Types Wrong (type resolution under node16/bundler; ESM-only, so CJS profiles are
// not asked for). Run after `pnpm build`.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const packages = [
  'packages/core',
  'packages/handler',
  'apps/mock-accounts',
  'apps/swap-service',
  'packages/conformance',
];
let failed = 0;
for (const dir of packages) {
  for (const [tool, args] of [
    ['publint', ['--strict', dir]],
    ['attw', ['--pack', dir, '--profile', 'esm-only']],
  ]) {
    console.log(`\n> ${tool} ${args.join(' ')}`);
    try {
      execFileSync('pnpm', ['exec', tool, ...args], { cwd: root, stdio: 'inherit' });
    } catch {
      failed++;
    }
  }
}
if (failed > 0) {
  console.error(`\n${failed} package check(s) failed`);
  process.exit(1);
}
console.log('\nall package checks passed');
