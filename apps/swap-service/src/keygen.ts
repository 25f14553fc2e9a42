/**
 * `pnpm --filter @tokenswap/swap-service keygen [--id <key id>]`: prints a fresh sealing key as
 * `keyId:key` (32 random bytes, Base64url) on stdout, and how to use it on stderr — so
 * `KEY=$(node dist/keygen.js)` captures just the pair.
 */
import { parseArgs } from 'node:util';
import { generateKeySpec, KEY_ID_PATTERN } from '@tokenswap/core';

function main(): number {
  let id: string | undefined;
  try {
    id = parseArgs({ options: { id: { type: 'string' } } }).values.id;
  } catch (error) {
    console.error(`keygen: ${(error as Error).message}\nusage: keygen [--id <key id>]`);
    return 2;
  }
  if (id !== undefined && !KEY_ID_PATTERN.test(id)) {
    console.error('keygen: --id must be 1-32 of A-Z a-z 0-9 _ -');
    return 2;
  }
  const spec = generateKeySpec(id === undefined ? {} : { id });
  console.log(`${spec.id}:${spec.key}`);
  console.error(
    [
      '',
      'Put it FIRST in TOKEN_ENCRYPTION_KEYS (it seals new tokens), keep the old keys after it',
      '(they still open tokens sealed before), e.g.:',
      `  TOKEN_ENCRYPTION_KEYS=${spec.id}:<the key above>,<old id>:<old key>`,
      'Keep it secret, and the same on every replica.',
    ].join('\n'),
  );
  return 0;
}

process.exitCode = main();
