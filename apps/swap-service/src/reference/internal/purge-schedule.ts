import type { Result } from '@tokenswap/core';
import type { ReferenceObserver } from '../reference-metrics.js';

/**
 * Runs `purge` every `intervalMs` on an unref'd timer (it never keeps the process alive) and
 * reports each run to the observer: `done` with the rows deleted, `skipped` when another replica
 * held the lease, `failed` (also told to `onError`) when the store was down. Returns a stop
 * function.
 */
export function schedulePurge(
  purge: () => Promise<Result<number | 'skipped'>>,
  intervalMs: number,
  observer: ReferenceObserver | undefined,
  onError?: (error: unknown) => void,
): () => void {
  const report = (error: unknown) => {
    observer?.purge('failed', 0);
    onError?.(error);
  };
  const timer = setInterval(() => {
    purge().then((result) => {
      if (!result.ok) return report(result.error);
      if (result.value === 'skipped') return observer?.purge('skipped', 0);
      observer?.purge('done', result.value);
    }, report);
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
