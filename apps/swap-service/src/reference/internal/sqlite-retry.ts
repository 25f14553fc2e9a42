import { StoreUnavailableError } from '../store-unavailable.js';

/**
 * Runs one synchronous SQLite call without ever waiting inside the driver. The database is opened
 * with `busy_timeout = 0`, so a statement that meets another connection's write lock fails at
 * once with SQLITE_BUSY instead of sleeping on the event loop (which froze every request of the
 * process for up to the busy timeout). Here a busy database is retried on timers — a few ms
 * apart, growing to 50 ms — until `budgetMs` has passed; then the store counts as unavailable
 * (503). Any other driver error is an outage at once.
 */
export async function runWithoutBlocking<T>(
  call: () => T,
  budgetMs: number,
  onBusy?: () => void,
): Promise<T> {
  const deadline = Date.now() + budgetMs;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return call();
    } catch (error) {
      if (!isBusy(error) || Date.now() >= deadline) {
        throw new StoreUnavailableError('sqlite', error);
      }
      onBusy?.();
      const pause = Math.min(50, 2 ** attempt) * (0.5 + Math.random() / 2);
      await new Promise((resolve) => setTimeout(resolve, Math.min(pause, deadline - Date.now())));
    }
  }
}

/** SQLITE_BUSY / SQLITE_LOCKED, as better-sqlite3 (`code`) and node:sqlite (`errcode`) report it. */
export function isBusy(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, errcode, message } = error as {
    code?: unknown;
    errcode?: unknown;
    message?: unknown;
  };
  if (typeof code === 'string' && /^SQLITE_(BUSY|LOCKED)/.test(code)) return true;
  // node:sqlite: primary result codes 5 (BUSY) and 6 (LOCKED); extended codes keep them in the low byte.
  if (typeof errcode === 'number' && [5, 6].includes(errcode & 0xff)) return true;
  return typeof message === 'string' && /database (table )?is locked/.test(message);
}
