import { fileURLToPath } from 'node:url';
import { type FinishedRun, runToExit } from '@tokenswap/test-support';

/** The CLI's bin, as `npx` runs it. */
export const CLI_BIN = fileURLToPath(
  new URL('../../bin/tokenswap-conformance.js', import.meta.url),
);

export type CliRun = FinishedRun;

/** Runs the real CLI (the bin, over the built dist/) as a user would. */
export function runCli(args: readonly string[]): Promise<CliRun> {
  return runToExit(process.execPath, [CLI_BIN, ...args], { inherit: 'all', timeoutMs: 300_000 });
}

/** The last non-empty line of an output. */
export function lastLine(text: string): string {
  return text.trimEnd().split('\n').at(-1) ?? '';
}
