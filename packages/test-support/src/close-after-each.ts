/** What a test starts and must stop: a stack, a service, a mock, a spawned server. */
export type Closable = { close(): unknown } | { dispose(): unknown };

/**
 * Registers (through the `afterEach` given, so this package needs no test runner of its own)
 * a hook that closes, last first, everything the returned function was handed during the
 * test, and returns that function: one line replaces a `let` per resource and its hook.
 *
 * @example
 * ```ts
 * const closeLater = closeAfterEach(afterEach);
 * it('swaps', async () => {
 *   const stack = closeLater(await startStack());
 * });
 * ```
 */
export function closeAfterEach(
  afterEach: (hook: () => Promise<void>) => void,
): <T extends Closable>(resource: T) => T {
  const open: Closable[] = [];
  afterEach(async () => {
    for (const resource of open.splice(0).reverse()) {
      await ('close' in resource ? resource.close() : resource.dispose());
    }
  });
  return (resource) => {
    open.push(resource);
    return resource;
  };
}
