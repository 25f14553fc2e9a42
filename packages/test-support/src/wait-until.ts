/**
 * Polls `condition` every `intervalMs` until it holds, failing with `what` once `timeoutMs`
 * passes: a poll loop in a test always has a deadline, so a broken server fails the test
 * instead of hanging it until vitest's own timeout hides which wait it was.
 *
 * @example
 * ```ts
 * await waitUntil(() => mock.faults.pending() === 0, { what: 'the mock to take the request' });
 * ```
 */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  options: { what: string; timeoutMs?: number; intervalMs?: number },
): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() >= deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${options.what}`);
    await sleep(options.intervalMs ?? 20);
  }
}

/** Resolves after `ms` of real time (for load pacing; pass time in stores with a test clock). */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
