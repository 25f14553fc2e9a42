import { performance } from 'node:perf_hooks';

/** The largest time a Date can hold (ECMAScript: ±8.64e15 ms). */
const MAX_TIME_MS = 8.64e15;

/** The mock's clock. Every expiry (codes, tokens, the 6-month limit) is measured on it. */
export interface MockClock {
  /** Current mock time in ms since the epoch. */
  now(): number;
  /** Moves the clock forward (or back, if negative) by `seconds`. */
  advance(seconds: number): void;
  /** Sets the clock to `ms` since the epoch. */
  set(ms: number): void;
}

/** A clock plus a hook for the state, which purges expired entries whenever time jumps. */
export interface ControlledClock extends MockClock {
  onJump(listener: () => void): void;
}

/**
 * Creates the mock clock. Unless frozen it runs at real speed from `startTime`, so a mock left
 * running on a developer's machine expires codes and tokens like the real service does; tests
 * jump it with `advance`/`set` instead of waiting.
 *
 * @example
 * const clock = createMockClock({ startTime: 0, frozen: true });
 * clock.advance(600); // clock.now() === 600_000
 */
export function createMockClock(options: {
  startTime?: number;
  frozen?: boolean;
}): ControlledClock {
  let base = options.startTime ?? Date.now();
  let anchor = performance.now();
  const frozen = options.frozen === true;
  const listeners: Array<() => void> = [];
  const elapsed = () => (frozen ? 0 : Math.floor(performance.now() - anchor));
  const jumped = () => {
    for (const listener of listeners) listener();
  };
  return {
    now: () => base + elapsed(),
    advance(seconds) {
      const next = base + Math.round(seconds * 1000);
      if (!Number.isFinite(seconds) || Math.abs(next) > MAX_TIME_MS) {
        throw new RangeError('advance: the clock must stay within the range of a Date');
      }
      base = next;
      jumped();
    },
    set(ms) {
      if (!Number.isFinite(ms) || Math.abs(ms) > MAX_TIME_MS) {
        throw new RangeError('set: ms must be within the range of a Date');
      }
      base = Math.round(ms);
      anchor = performance.now();
      jumped();
    },
    onJump(listener) {
      listeners.push(listener);
    },
  };
}
