/** A clock a test moves by hand: pass `now` where a component takes `clock: () => number`. */
export interface TestClock {
  /** Milliseconds since the epoch, as `Date.now` counts them. */
  now(): number;
  /** Moves the clock forward by `ms`. */
  advance(ms: number): void;
}

/**
 * A {@link TestClock} starting at `start` (default: the real time now, so values a back-end
 * also checks against real time, like Redis key TTLs, stay plausible).
 *
 * @example
 * ```ts
 * const clock = testClock();
 * const store = createMemoryStore({ clock: clock.now });
 * clock.advance(61_000); // a 60 s lock has expired, without waiting
 * ```
 */
export function testClock(start: number = Date.now()): TestClock {
  let current = start;
  return {
    now: () => current,
    advance(ms) {
      if (!(ms >= 0)) throw new RangeError('a clock only moves forward');
      current += ms;
    },
  };
}
