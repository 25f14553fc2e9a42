import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { DeadlineSweeper } from '../src/upstream/deadline-sweeper.js';

/** A watched call that records when it expired, in ms after it was watched. */
function watched(sweeper: DeadlineSweeper) {
  const started = performance.now();
  const call = { expiredAfter: undefined as number | undefined, expire: () => {} };
  call.expire = () => {
    call.expiredAfter = performance.now() - started;
  };
  sweeper.watch(call);
  return call;
}

describe('DeadlineSweeper', () => {
  it('ticks at a twentieth of the budget, within 5–250 ms', () => {
    expect(new DeadlineSweeper(400).tickMs).toBe(20);
    expect(new DeadlineSweeper(10_000).tickMs).toBe(250);
    expect(new DeadlineSweeper(20).tickMs).toBe(5);
  });

  it('expires a call never before its budget, and about one tick after at most', async () => {
    const sweeper = new DeadlineSweeper(100);
    const calls = [watched(sweeper)];
    await sleep(30);
    calls.push(watched(sweeper));
    await sleep(250);
    for (const call of calls) {
      expect(call.expiredAfter).toBeGreaterThanOrEqual(100);
      expect(call.expiredAfter).toBeLessThan(100 + 150);
    }
    sweeper.stop();
  });

  it('never expires a released call', async () => {
    const sweeper = new DeadlineSweeper(50);
    const call = watched(sweeper);
    sweeper.release(call);
    await sleep(150);
    expect(call.expiredAfter).toBeUndefined();
    sweeper.stop();
  });

  it('starts its interval again after an idle spell', async () => {
    const sweeper = new DeadlineSweeper(40);
    const first = watched(sweeper);
    await sleep(150);
    const second = watched(sweeper);
    await sleep(150);
    expect(first.expiredAfter).toBeDefined();
    expect(second.expiredAfter).toBeGreaterThanOrEqual(40);
    sweeper.stop();
  });
});
