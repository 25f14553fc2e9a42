import { describe, expect, it } from 'vitest';
import { createFailureBudget } from '../../src/legacy/failure-budget.js';

describe('createFailureBudget', () => {
  it('admits attempts until max failures, then answers the seconds left in the window', () => {
    const budget = createFailureBudget({ max: 2, windowMs: 10_000 });
    for (const now of [0, 1]) {
      expect(budget.acquire('a', now)).toBe(0);
      budget.release('a', true, now);
    }
    expect(budget.acquire('a', 2_500)).toBe(8);
    expect(budget.acquire('b', 2_500)).toBe(0);
    expect(budget.acquire('a', 10_000)).toBe(0);
  });

  it('successes cost nothing, and in-flight attempts hold their slots', () => {
    const budget = createFailureBudget({ max: 2, windowMs: 10_000 });
    for (let i = 0; i < 50; i += 1) {
      expect(budget.acquire('a', i)).toBe(0);
      budget.release('a', false, i);
    }
    expect(budget.acquire('a', 100)).toBe(0);
    expect(budget.acquire('a', 100)).toBe(0);
    expect(budget.acquire('a', 100)).toBeGreaterThan(0);
    budget.release('a', false, 101);
    expect(budget.acquire('a', 102)).toBe(0);
  });

  it('forgets the oldest client past maxClients, ended windows first', () => {
    const budget = createFailureBudget({ max: 1, windowMs: 1_000, maxClients: 2 });
    for (const client of ['a', 'b']) {
      budget.acquire(client, 0);
      budget.release(client, true, 0);
    }
    expect(budget.acquire('c', 10)).toBe(0);
    budget.release('c', true, 10);
    // 'a' was the oldest: forgotten, so it starts a fresh window; 'c' is still limited.
    expect(budget.acquire('c', 20)).toBeGreaterThan(0);
    expect(budget.acquire('a', 20)).toBe(0);
  });
});
