import { describe, expect, it } from 'vitest';
import { CASES } from '../src/cases/index.js';
import { UPSTREAM_REACH_CASE_ID } from '../src/impersonate/upstream-reach-verdict.js';
import { SeededRandom } from '../src/internal/random.js';
import { blockedResult, blockingRoot, linkBlockedSkip, rootCauses } from '../src/prerequisites.js';
import type { CaseResult, ConformanceCase } from '../src/types.js';

const result = (id: string, status: CaseResult['status'], extra: Partial<CaseResult> = {}) =>
  ({ id, title: id, level: 'MUST', basis: 'b', status, durationMs: 1, ...extra }) as CaseResult;
const testCase = (id: string, requires: string[]) =>
  ({ id, title: id, level: 'MUST', basis: 'b', requires, run: async () => {} }) as ConformanceCase;

describe('prerequisites', () => {
  it('name only cases that exist and run earlier', () => {
    const order = [UPSTREAM_REACH_CASE_ID, ...CASES.map((c) => c.id)];
    for (const c of CASES) {
      for (const id of c.requires ?? []) {
        expect(order.indexOf(id), `${c.id} requires ${id}`).toBeGreaterThanOrEqual(0);
        expect(order.indexOf(id), `${c.id} requires ${id}`).toBeLessThan(order.indexOf(c.id));
      }
    }
  });

  it('block through a blocked prerequisite, naming the root cause', () => {
    const swap = result('SWAP-001', 'failed', { message: 'expected 200, got HTTP 500' });
    const refresh = blockedResult(testCase('REFRESH-001', ['SWAP-001']), swap);
    const done = new Map([
      ['SWAP-001', swap],
      ['REFRESH-001', refresh],
    ]);
    expect(refresh).toMatchObject({
      status: 'skipped',
      blockedBy: 'SWAP-001',
      message: 'blocked by SWAP-001 (expected 200, got HTTP 500)',
    });
    expect(blockingRoot(testCase('SEC-001', ['REFRESH-001']), done)).toBe(swap);
    // A prerequisite that passed, was skipped on its own, or did not run blocks nothing.
    const others = new Map([
      ['A', result('A', 'passed')],
      ['B', result('B', 'skipped', { message: 'no second deployment' })],
    ]);
    expect(blockingRoot(testCase('X', ['A', 'B', 'NOT-RUN']), others)).toBeUndefined();
    // A prerequisite left out of the run is looked through to its own prerequisites.
    const catalogue = new Map([['REFRESH-001', testCase('REFRESH-001', ['SWAP-001'])]]);
    const onlySwap = new Map([['SWAP-001', swap]]);
    expect(blockingRoot(testCase('FAULT-006', ['REFRESH-001']), onlySwap, catalogue)).toBe(swap);
  });

  it('count a case that skipped "blocked by X" under X, when X failed', () => {
    const skipped = result('REFRESH-005', 'skipped', { message: 'blocked by SEC-003: in clear' });
    const failed = new Map([['SEC-003', result('SEC-003', 'failed')]]);
    expect(linkBlockedSkip(skipped, failed).blockedBy).toBe('SEC-003');
    const passed = new Map([['SEC-003', result('SEC-003', 'passed')]]);
    expect(linkBlockedSkip(skipped, passed).blockedBy).toBeUndefined();
  });

  it('list root causes by how much they block, then MUST first, then run order', () => {
    const results = [
      result('SEC-003', 'failed', { level: 'MUST', message: 'm1' }),
      result('PKCE-001', 'failed', { level: 'SHOULD', message: 'm2' }),
      result('PKCE-002', 'skipped', { blockedBy: 'PKCE-001' }),
      result('ERR-003', 'failed', { message: 'm3' }),
    ];
    expect(rootCauses(results).map((c) => [c.id, c.blocks])).toEqual([
      ['PKCE-001', ['PKCE-002']],
      ['SEC-003', []],
      ['ERR-003', []],
    ]);
  });
});

describe('seeded randomness', () => {
  it('gives the same bytes for the same seed and label, other bytes otherwise', () => {
    const a = new SeededRandom(7, 'suite');
    const b = new SeededRandom(7, 'suite');
    expect(Buffer.concat([a.bytes(5), a.bytes(40)])).toEqual(b.bytes(45));
    expect(new SeededRandom(8, 'suite').bytes(16)).not.toEqual(
      new SeededRandom(7, 'suite').bytes(16),
    );
    expect(new SeededRandom(7, 'mock').bytes(16)).not.toEqual(
      new SeededRandom(7, 'suite').bytes(16),
    );
  });
});
