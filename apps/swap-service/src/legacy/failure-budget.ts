/**
 * A per-client budget of failed attempts in a fixed window, for the legacy openers. An attempt
 * takes a slot before it runs and gives it back when it succeeds, so concurrent probes cannot
 * overrun the budget while their answers are still on the way.
 */
export interface FailureBudget {
  /** Takes a slot for `client`; returns 0, or the seconds to wait when none is left. */
  acquire(client: string, now: number): number;
  /** Ends an attempt that `acquire` admitted: a failure keeps its slot until the window ends. */
  release(client: string, failed: boolean, now: number): void;
}

/** Options of {@link createFailureBudget}. */
export interface FailureBudgetOptions {
  /** Failed attempts allowed per client per window (at least 1). */
  readonly max: number;
  readonly windowMs: number;
  /** Clients remembered at once; the oldest window is forgotten first past it. */
  readonly maxClients?: number;
}

interface Window {
  failures: number;
  pending: number;
  resetAt: number;
}

/**
 * Creates an in-memory budget (one per process: with several replicas each has its own, so the
 * bound is per replica — the sunset date is the bound that holds everywhere).
 *
 * @example
 * ```ts
 * const budget = createFailureBudget({ max: 10, windowMs: 3_600_000 });
 * const wait = budget.acquire(request.ip, Date.now()); // 0: go ahead
 * budget.release(request.ip, answerWas400, Date.now());
 * ```
 */
export function createFailureBudget(options: FailureBudgetOptions): FailureBudget {
  const windows = new Map<string, Window>();
  const maxClients = options.maxClients ?? 100_000;

  const current = (client: string, now: number): Window => {
    const found = windows.get(client);
    if (found === undefined) {
      if (windows.size >= maxClients) forgetOldest(windows, now, maxClients);
      const fresh: Window = { failures: 0, pending: 0, resetAt: now + options.windowMs };
      windows.set(client, fresh);
      return fresh;
    }
    if (now >= found.resetAt) {
      // A new window; attempts still in flight keep their slots.
      found.failures = 0;
      found.resetAt = now + options.windowMs;
    }
    return found;
  };

  return {
    acquire(client, now) {
      const window = current(client, now);
      if (window.failures + window.pending >= options.max) {
        return Math.max(1, Math.ceil((window.resetAt - now) / 1000));
      }
      window.pending += 1;
      return 0;
    },
    release(client, failed, now) {
      if (!windows.has(client)) return;
      const window = current(client, now);
      window.pending = Math.max(0, window.pending - 1);
      if (failed) window.failures += 1;
      // Clients without failures are not remembered: legitimate users cost no memory.
      if (window.failures === 0 && window.pending === 0) windows.delete(client);
    },
  };
}

/** Drops ended windows; if that frees nothing, the oldest one (Map order is insertion order). */
function forgetOldest(windows: Map<string, Window>, now: number, maxClients: number): void {
  for (const [client, window] of windows) {
    if (now >= window.resetAt && window.pending === 0) windows.delete(client);
  }
  if (windows.size < maxClients) return;
  const oldest = windows.keys().next().value;
  if (oldest !== undefined) windows.delete(oldest);
}
