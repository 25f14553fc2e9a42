import { CASES } from './cases/index.js';
import { UPSTREAM_REACH_CASE_ID } from './impersonate/upstream-reach-verdict.js';
import { MAX_SEED } from './internal/random.js';
import { type ResolvedOptions, TOKEN_MODES } from './resolve-options.js';
import { matchesPattern, unknownPatterns } from './select.js';

/** Every problem with resolved options, each naming its flag (empty when they make sense). */
export function validateOptions(o: ResolvedOptions): string[] {
  const problems: string[] = [];
  for (const [name, url] of [
    ['swap-url', o.swapUrl],
    ['refresh-url', o.refreshUrl],
    ['second-refresh-url', o.secondRefreshUrl],
    ['second-swap-url', o.secondSwapUrl],
    ['revoke-url', o.revokeUrl],
  ] as const) {
    if (url === undefined) continue;
    if (!url) problems.push(`--${name} is required`);
    else if (!isHttpUrl(url.replaceAll('{port}', '1')))
      problems.push(`--${name} is not an http(s) URL: ${url}`);
  }
  if (!o.clientId) problems.push('--client-id must not be empty');
  if (!o.redirectUri) problems.push('--redirect-uri must not be empty');
  if (o.mockPort !== undefined && !isPort(o.mockPort))
    problems.push('--mock-port must be 1..65535');
  for (const [name, value] of [
    ['timeout-bound', o.timeoutBoundMs],
    ['slow-delay', o.slowDelayMs],
    ['startup-timeout', o.startupTimeoutMs],
  ] as const) {
    if (!Number.isFinite(value) || value <= 0)
      problems.push(`--${name} must be a positive number of seconds`);
  }
  if (o.slowDelayMs <= o.timeoutBoundMs) {
    problems.push(
      '--slow-delay must be longer than --timeout-bound (the slow fault must outlast the bound)',
    );
  }
  if (!Number.isInteger(o.load) || o.load < 1 || o.load > 1000)
    problems.push('--load must be an integer 1..1000');
  if (!['must', 'should', 'may'].includes(o.level))
    problems.push('--level must be must, should or may');
  if (o.spawn && !o.spawn.command.trim()) problems.push('--spawn needs a command');
  for (const [flag, patterns] of [
    ['only', o.only],
    ['skip', o.skip],
  ] as const) {
    // IMP-001 exists only in --impersonate runs, but naming it is never a typo.
    for (const pattern of unknownPatterns(CASES, patterns)) {
      if (!matchesPattern(UPSTREAM_REACH_CASE_ID, pattern))
        problems.push(`--${flag} ${pattern} matches no case`);
    }
  }
  if (!TOKEN_MODES.includes(o.tokenMode))
    problems.push(`--token-mode must be ${TOKEN_MODES.join(', ')}`);
  if (!Number.isInteger(o.seed) || o.seed < 0 || o.seed > MAX_SEED)
    problems.push(`--seed must be a whole number 0..${MAX_SEED}`);
  for (const id of o.expectedFailures?.keys() ?? []) {
    if (id !== UPSTREAM_REACH_CASE_ID && !CASES.some((c) => c.id === id))
      problems.push(`--expect-failures lists ${id}, which is no case`);
  }
  const usesPort = [o.swapUrl, o.refreshUrl, o.revokeUrl].some((u) => u?.includes('{port}'));
  if (usesPort && !o.spawn) problems.push('{port} in a URL only makes sense with --spawn');
  return problems;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function isPort(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= 65535;
}
