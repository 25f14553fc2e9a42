import { spawnSync } from 'node:child_process';

/**
 * Old servers' tokens are produced here the way those servers produced them — by Ruby's own
 * OpenSSL and by the `openssl` CLI — not by our code. Locally a missing tool skips those tests
 * with a stated reason; in CI (`CI` set) the tests run anyway and fail, so the check can never
 * silently vanish there (.ci/run installs ruby).
 */
export interface ExternalTool {
  readonly available: boolean;
  /** True when the tests must be skipped (tool missing, not in CI). */
  readonly skip: boolean;
  /** Suffix for a describe title: why it is skipped, or ''. */
  readonly skipNote: string;
}

function probe(command: string, args: readonly string[], install: string): ExternalTool {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 20_000 });
  const available = result.status === 0;
  const inCi = Boolean(process.env.CI);
  const skip = !available && !inCi;
  return {
    available,
    skip,
    skipNote: skip ? ` [skipped: \`${command}\` is not installed here — ${install}]` : '',
  };
}

export const ruby = probe('ruby', ['--version'], 'apt-get install -y ruby');
export const opensslCli = probe('openssl', ['version'], 'apt-get install -y openssl');
