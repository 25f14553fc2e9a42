import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runConformance } from '../src/index.js';
import { fixtureOptions } from './helpers/fixtures.js';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('--spawn', () => {
  it('stops the whole process group, grandchildren included', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'conformance-spawn-'));
    const pidFile = join(dir, 'pid');
    const options = fixtureOptions('correct', { only: ['SWAP-001'] });
    // The shell backgrounds the server and waits: the server is a grandchild of what we spawn.
    const command = `${options.spawn?.command} & echo $! > ${JSON.stringify(pidFile)}; wait`;
    const report = await runConformance({ ...options, spawn: { ...options.spawn, command } });
    expect(report.summary.passed).toBe(1);
    const pid = Number(await readFile(pidFile, 'utf8'));
    expect(pid).toBeGreaterThan(0);
    expect(isAlive(pid)).toBe(false);
    await rm(dir, { recursive: true, force: true });
  });
});
