import { describe, expect, it } from 'vitest';
import { testClock, waitUntil } from '../src/index.js';

describe('waitUntil', () => {
  it('resolves as soon as the condition holds', async () => {
    let calls = 0;
    await waitUntil(() => ++calls === 3, { what: 'three calls', intervalMs: 1 });
    expect(calls).toBe(3);
  });

  it('takes async conditions', async () => {
    await waitUntil(async () => true, { what: 'a promise' });
  });

  it('fails at its deadline naming what it waited for', async () => {
    const started = Date.now();
    await expect(
      waitUntil(() => false, { what: 'the server to start', timeoutMs: 100, intervalMs: 10 }),
    ).rejects.toThrow('timed out after 100 ms waiting for the server to start');
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
  });

  it('passes on an error the condition throws', async () => {
    await expect(
      waitUntil(
        () => {
          throw new Error('child exited');
        },
        { what: 'x' },
      ),
    ).rejects.toThrow('child exited');
  });
});

describe('testClock', () => {
  it('starts where told and moves only when advanced', () => {
    const clock = testClock(1_000);
    const now = clock.now;
    expect(now()).toBe(1_000);
    clock.advance(61_000);
    expect(now()).toBe(62_000);
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(() => clock.advance(Number.NaN)).toThrow(RangeError);
    expect(now()).toBe(62_000);
  });

  it('starts at the real time by default', () => {
    const before = Date.now();
    const start = testClock().now();
    expect(start).toBeGreaterThanOrEqual(before);
    expect(start).toBeLessThanOrEqual(Date.now());
  });
});
