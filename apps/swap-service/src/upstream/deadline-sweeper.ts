/** One call watched by a {@link DeadlineSweeper}. */
export interface Overdue {
  /** Called once, at most one tick after the budget ran out, unless the call was released first. */
  expire(): void;
}

/** Longest tick: the most a call can outlive its budget (plus event-loop lag). */
const MAX_TICK_MS = 250;
const MIN_TICK_MS = 5;

/**
 * Ends calls that outlive one shared time budget, with one coarse interval for all of them
 * instead of a timer (and an `AbortController`) per call — measured as the dearest part of an
 * upstream call's bookkeeping. Every call has the same budget, so deadlines fall in the order
 * calls start: a `Set` keeps that order, and a sweep stops at the first call still in time.
 * A call ends between `budgetMs` and `budgetMs` + one tick (`budgetMs / 20`, 5–250 ms) after it
 * started, never before. The interval runs only while calls are watched and never holds the
 * process open.
 *
 * @example
 * ```ts
 * const sweeper = new DeadlineSweeper(10_000);
 * const call = { expire: () => controller.abort(new Error('too slow')) };
 * sweeper.watch(call);
 * // ... once the answer arrived:
 * sweeper.release(call);
 * ```
 */
export class DeadlineSweeper {
  readonly tickMs: number;
  readonly #budgetMs: number;
  readonly #deadlines = new Map<Overdue, number>();
  #interval: ReturnType<typeof setInterval> | undefined;

  constructor(budgetMs: number) {
    this.#budgetMs = budgetMs;
    this.tickMs = Math.min(MAX_TICK_MS, Math.max(MIN_TICK_MS, Math.round(budgetMs / 20)));
  }

  /** Starts the budget of `call` now. */
  watch(call: Overdue): void {
    this.#deadlines.set(call, performance.now() + this.#budgetMs);
    if (this.#interval === undefined) {
      this.#interval = setInterval(() => this.#sweep(), this.tickMs);
      this.#interval.unref();
    }
  }

  /** The call ended in time: stop watching it. */
  release(call: Overdue): void {
    this.#deadlines.delete(call);
  }

  /** Stops the interval (the calls still watched are left to end on their own). */
  stop(): void {
    clearInterval(this.#interval);
    this.#interval = undefined;
    this.#deadlines.clear();
  }

  #sweep(): void {
    const now = performance.now();
    for (const [call, deadline] of this.#deadlines) {
      if (deadline > now) return;
      this.#deadlines.delete(call);
      call.expire();
    }
    // Nothing left to watch: no interval while idle.
    this.stop();
  }
}
