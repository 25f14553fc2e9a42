import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { MIN_ROUNDS, parseOptions } from '../lib/options.mjs';

const RUN = new URL('../run.mjs', import.meta.url).pathname;

describe('parseOptions', () => {
  it('takes at least 3 rounds (issue 18), 5 by default', () => {
    expect(MIN_ROUNDS).toBe(3);
    expect(parseOptions([]).rounds).toBe(5);
    expect(parseOptions(['--rounds', '3']).rounds).toBe(3);
    expect(() => parseOptions(['--rounds', '2'])).toThrow('--rounds must be at least 3, got "2"');
    expect(() => parseOptions(['--rounds', '3.5'])).toThrow(/--rounds must be a whole number/);
  });

  it('keeps the --compare path as given', () => {
    expect(parseOptions(['--compare', 'bench/results/latest.json']).compare).toBe(
      'bench/results/latest.json',
    );
    expect(parseOptions([]).compare).toBeUndefined();
  });
});

describe('node bench/run.mjs with bad flags exits 2 before running anything', () => {
  const run = (...args) => spawnSync(process.execPath, [RUN, ...args], { encoding: 'utf8' });

  it.each([
    [['--rounds', '2'], /--rounds must be at least 3/],
    [['--compare', '/nonexistent/latest.json'], /does not exist or is not a file/],
    [
      ['--compare', new URL('../../package.json', import.meta.url).pathname],
      /is not a bench results file/,
    ],
    [['--no-such-flag'], /Unknown option '--no-such-flag'/],
  ])('%j', (args, message) => {
    const { status, stderr, stdout } = run(...args);
    expect(status).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).toContain('Usage: node bench/run.mjs');
    expect(stdout).toBe('');
  });
});
